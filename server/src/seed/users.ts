/**
 * Demo users for a fresh installation. Their password is public (it is in the README):
 * they exist to try the product, and must be disabled or given new passwords before
 * anything real is connected.
 */
import type { AppContext } from '../context';
import type { Role } from '@autonomic/api';
import { recordAudit } from '../services/audit';
import { createPasswordHasher, DEFAULT_SCRYPT, type ScryptParams } from '../services/auth/password';
import { transaction } from '../store/db';
import { countUsers, insertUsersIfAbsent } from '../store/users';

/** Demo only. Change me. */
export const DEMO_PASSWORD = 'autonomic-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alice', displayName: 'Alice (analyst)', role: 'analyst' },
  { username: 'bob', displayName: 'Bob (reviewer)', role: 'reviewer' },
  { username: 'carol', displayName: 'Carol (reviewer)', role: 'reviewer' },
  { username: 'dave', displayName: 'Dave (manager)', role: 'manager' },
  { username: 'admin', displayName: 'Admin', role: 'admin' },
  { username: 'oncall', displayName: 'On-call lead (break glass)', role: 'analyst' },
];

/**
 * On an empty users table, creates the demo users (password `DEMO_PASSWORD`) and
 * returns them; when any user exists, does nothing and returns [].
 * @param options.scrypt tests pass TEST_SCRYPT to keep hashing fast
 */
export async function seedDemoUsers(ctx: AppContext, options: { scrypt?: ScryptParams } = {}): Promise<DemoUser[]> {
  if ((await countUsers(ctx.prisma)) > 0) return [];
  const hasher = createPasswordHasher(options.scrypt ?? DEFAULT_SCRYPT);
  const rows = await Promise.all(
    DEMO_USERS.map(async (u) => ({ ...u, passwordHash: await hasher.hash(DEMO_PASSWORD) })),
  );
  // skipDuplicates: two servers starting on one empty database at once insert each user once.
  const inserted = await transaction(ctx.prisma, async (tx) => {
    const count = await insertUsersIfAbsent(tx, rows);
    if (count > 0) {
      await recordAudit(tx, {
        actor: 'system:seed',
        action: 'user.demo_seeded',
        targetType: 'user',
        targetId: '*',
        details: { usernames: DEMO_USERS.map((u) => u.username) },
      });
    }
    return count;
  });
  return inserted > 0 ? [...DEMO_USERS] : [];
}

/** The start-up banner listing the demo users, with the change-me warning. */
export function demoUsersBanner(users: readonly DemoUser[]): string {
  if (users.length === 0) return '';
  const lines = users.map((u) => `  ${u.username.padEnd(8)} ${u.role.padEnd(9)} ${u.displayName}`);
  return [
    `Demo users created, all with the password "${DEMO_PASSWORD}":`,
    ...lines,
    'WARNING: demo credentials are public. Change these passwords or disable these users before real use.',
  ].join('\n');
}
