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

/**
 * The start-up notice for the demo users: the table as data (`demoUsers`, one object per
 * user, which the pretty log format prints as a table and JSON keeps as an array) and a
 * one-line message with the password and the change-me warning.
 */
export function demoUsersNotice(users: readonly DemoUser[]): { demoUsers: DemoUser[]; msg: string } {
  return {
    demoUsers: users.map(({ username, role, displayName }) => ({ username, role, displayName })),
    msg:
      `Demo users created, all with the password "${DEMO_PASSWORD}". ` +
      'WARNING: demo credentials are public: change these passwords or disable these users before real use.',
  };
}

/** The enabled demo users in the database (by name), for the sign-in hint. */
export async function enabledDemoUsers(ctx: AppContext): Promise<{ users: number; demo: string[] }> {
  const [users, demo] = await Promise.all([
    countUsers(ctx.prisma),
    ctx.prisma.user.findMany({
      where: { username: { in: DEMO_USERS.map((u) => u.username) }, disabled: false },
      select: { username: true },
    }),
  ]);
  return { users, demo: demo.map((u) => u.username) };
}
