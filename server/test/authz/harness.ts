/**
 * The whole server (createServer: every route module, the REAL authenticator) on one test
 * database, one user per role with a password and an API token, and row counts of every
 * table to prove that refused requests write nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Config } from '../../src/config';
import { newId } from '../../src/db/ids';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { ROLES, type Role } from '@autonomic/api';
import type { RegisteredRoute } from '../../src/http/route';
import { createServer, type Server } from '../../src/server';
import { SESSION_COOKIE } from '../../src/http/cookies';
import { createPasswordHasher, TEST_SCRYPT } from '../../src/services/auth';
import { newApiToken, sha256 } from '../../src/services/auth/secrets';
import { insertApiToken } from '../../src/store/api-tokens';
import type { TestDatabase } from '../db/test-database';
import { testContext } from '../support/app';
import type { Caller } from './access-table';

export const PASSWORD = 'correct horse battery staple';

export interface RoleUser {
  id: string;
  username: string;
  /** `atk_…`, sent as `Authorization: Bearer`. */
  token: string;
}

export interface AuthzServer {
  server: Server;
  /** Listening on 127.0.0.1; supertest and fetch both use it. */
  http: HttpServer;
  baseUrl: string;
  users: Record<Role, RoleUser>;
  /** The request headers of a caller: none for anonymous, else its bearer token. */
  headers(caller: Caller): Record<string, string>;
  /** One more user of `role`, with a password and an API token. */
  addUser(role: Role): Promise<RoleUser>;
  /** Signs in with the password: the `Cookie` header and the CSRF token of the new session. */
  login(role: Role): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/** @param overrides configuration besides the fresh SECRET_KEY (e.g. OUTBOUND_ALLOW for a local mock) */
export async function authzServer(db: TestDatabase, overrides: Partial<Config> = {}): Promise<AuthzServer> {
  const ctx = testContext(db.prisma, { SECRET_KEY: randomBytes(32).toString('base64'), ...overrides });
  const server = createServer(ctx, { auth: { scrypt: TEST_SCRYPT } });
  const passwordHash = await createPasswordHasher(TEST_SCRYPT).hash(PASSWORD);
  const addUser = async (role: Role): Promise<RoleUser> => {
    const username = `${role}-${randomBytes(3).toString('hex')}`;
    const user = await db.prisma.user.create({ data: { username, displayName: username, role, passwordHash } });
    const token = newApiToken();
    await insertApiToken(db.prisma, { name: 'authz', tokenHash: sha256(token), userId: user.id, expiresAt: null });
    return { id: user.id, username, token };
  };
  const users = {} as Record<Role, RoleUser>;
  for (const role of ROLES) users[role] = await addUser(role);
  const http = server.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  return {
    server,
    http,
    baseUrl,
    users,
    headers: (caller) => (caller === 'anonymous' ? {} : bearer(users[caller])),
    addUser,
    async login(role) {
      const res = await request(http)
        .post('/api/auth/login')
        .send({ username: users[role].username, password: PASSWORD })
        .expect(200);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      const pair = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
      if (!pair) throw new Error('login set no session cookie');
      return { cookie: pair, csrf: String(res.body.csrfToken) };
    },
    async close() {
      // fetch keeps its connections alive; without this, close waits for their idle timeout.
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await server.stop();
    },
  };
}

export const bearer = (user: RoleUser) => ({ authorization: `Bearer ${user.token}` });

/** `METHOD /path`, the key of ACCESS_TABLE. */
export const routeKey = (r: Pick<RegisteredRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

/** Path parameters of the right shape that name nothing: fresh UUIDv7s, version 1, `nope`, connector version 9.9.9. */
const NAMELESS: Record<string, () => string> = {
  id: () => newId(),
  workflowId: () => newId(),
  reviewId: () => newId(),
  commentId: () => newId(),
  taskId: () => newId(),
  changeId: () => newId(),
  replayId: () => newId(),
  policyId: () => 'nope',
  number: () => '1',
  name: () => 'nope',
  version: () => '9.9.9',
  token: () => 'nope',
};

/** The route's path with every `:param` filled by a nameless value; throws on an unknown param. */
export function namelessPath(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = NAMELESS[name];
    if (!value) throw new Error(`no nameless value for :${name} in ${path}: add one to NAMELESS`);
    return value();
  });
}

/** Row counts of every table (but Prisma's migration log), by table name. */
export async function rowCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY 1`;
  const sql = tables
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`)
    .join(' UNION ALL ');
  const rows = await prisma.$queryRawUnsafe<{ name: string; n: number }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}
