import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher, TEST_SCRYPT } from '../../src/services/auth/password';
import { DEMO_PASSWORD, demoUsersBanner, seedDemoUsers } from '../../src/seed/users';
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
    expect(demoUsersBanner(first)).toMatch(/autonomic-demo[\s\S]*oncall[\s\S]*WARNING/);
  });
});
