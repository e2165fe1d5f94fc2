/**
 * The people and roles of one approval level as notification audiences: a named user
 * (by username or id) found in the directory gets their own links; a name the directory
 * does not know is skipped (nobody to bind a link to); a role is one audience.
 */
import type { DbClient } from '../../store/db';
import { listUserDirectory } from '../../store/users';

export type Audience =
  { kind: 'user'; key: string; userId: string; username: string } | { kind: 'role'; key: string; role: string };

export async function resolveAudiences(
  db: DbClient,
  level: { users: readonly string[]; roles: readonly string[] },
): Promise<Audience[]> {
  const directory = level.users.length > 0 ? await listUserDirectory(db) : [];
  const out: Audience[] = [];
  const seen = new Set<string>();
  for (const name of level.users) {
    const user = directory.find((u) => u.username === name || u.id === name);
    if (!user || seen.has(user.id)) continue;
    seen.add(user.id);
    out.push({ kind: 'user', key: `user:${user.username}`, userId: user.id, username: user.username });
  }
  for (const role of level.roles) out.push({ kind: 'role', key: `role:${role}`, role });
  return out;
}
