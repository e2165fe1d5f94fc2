import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher, TEST_SCRYPT } from '../../src/services/auth/password';
import { DEMO_PASSWORD, demoUsersNotice, enabledDemoUsers, seedDemoUsers } from '../../src/seed/users';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('demo users', () => {
  it('when the users table is empty then the six demo users are created once, with the demo password', async () => {
    const ctx = testContext(db.prisma);

    const first = await seedDemoUsers(ctx, { scrypt: TEST_SCRYPT });
    const second = await seedDemoUsers(ctx, { scrypt: TEST_SCRYPT });

    expect(first.map((u) => `${u.username}:${u.role}`)).toEqual([
      'alice:analyst',
      'bob:reviewer',
      'carol:reviewer',
      'dave:manager',
      'admin:admin',
      'oncall:analyst',
    ]);
    expect(second).toEqual([]);
    expect(await db.prisma.user.count()).toBe(6);
    const bob = await db.prisma.user.findUniqueOrThrow({ where: { username: 'bob' } });
    expect(await createPasswordHasher().verify(DEMO_PASSWORD, bob.passwordHash)).toBe(true);
    const notice = demoUsersNotice(first);
    expect(notice.msg).toMatch(/password "autonomic-demo".*WARNING/);
    expect(notice.msg).not.toContain('\n');
    expect(notice.demoUsers.map((u) => u.username)).toEqual(['alice', 'bob', 'carol', 'dave', 'admin', 'oncall']);
  });

  it('when a demo user is disabled then the sign-in hint no longer counts it', async () => {
    const ctx = testContext(db.prisma);
    await seedDemoUsers(ctx, { scrypt: TEST_SCRYPT });

    await db.prisma.user.update({ where: { username: 'alice' }, data: { disabled: true } });

    const people = await enabledDemoUsers(ctx);
    expect(people.users).toBe(6);
    expect(people.demo).toEqual(expect.arrayContaining(['admin', 'bob']));
    expect(people.demo).not.toContain('alice');
  });
});
