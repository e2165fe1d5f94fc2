/**
 * Builds the real Express app around a test database, with a stand-in authenticator:
 * `Authorization: Test <userId>` signs in as that user (the real one is exercised in
 * the auth tests). Use `users.create(role)` to make someone to sign in as.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config';
import type { AppContext } from '../../src/context';
import { systemClock } from '../../src/engine';
import type { PrismaClient } from '../../src/generated/prisma/client';
import type { Actor, Role } from '@autonomic/api';
import type { Authenticator, Credentials } from '../../src/services/auth';
import { buildApp, type RouteModule } from '../../src/http/app';

export function testContext(prisma: PrismaClient, overrides: Partial<Config> = {}): AppContext {
  return {
    config: {
      ...loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false', EXECUTOR: 'false', CHECK_RESPONSES: 'true' }),
      ...overrides,
    },
    prisma,
    log: pino({ level: 'silent' }),
    clock: systemClock,
  };
}

export const testAuthenticator = (prisma: PrismaClient): Authenticator => ({
  async authenticate({ authorization }: Credentials): Promise<Actor | null> {
    const m = /^Test (\S+)$/.exec(authorization ?? '');
    if (!m) return null;
    const user = await prisma.user.findUnique({ where: { id: m[1] } });
    if (!user || user.disabled) return null;
    return { userId: user.id, username: user.username, role: user.role, via: 'token', tokenId: 'test' };
  },
});

export function testApp(ctx: AppContext, modules: RouteModule[], authenticator = testAuthenticator(ctx.prisma)) {
  return buildApp({ ctx, authenticator, modules });
}

/** Inserts a user with an unusable password; returns it with its `Authorization` header. */
export async function createUser(prisma: PrismaClient, role: Role, username?: string) {
  const name = username ?? `${role}-${randomBytes(3).toString('hex')}`;
  const user = await prisma.user.create({
    data: { username: name, displayName: name, role, passwordHash: 'unusable' },
  });
  return { ...user, auth: `Test ${user.id}` };
}
