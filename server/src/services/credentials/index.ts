/**
 * Named connector credentials: admins create them per connector, each `live` or `test`;
 * values are sealed with AES-256-GCM under the master key (bound to `credential:<name>`)
 * and leave the server only inside a connector call, through `reveal`. Every change is
 * audited without the value; a rotation swaps the value only after the new one passed
 * the connector's test connection.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import type { Actor, ConnectionTest, CreateCredentialBody, CredentialInfo, UpdateCredentialBody } from '@autonomic/api';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { ConnectorClient } from '../../connectors/client';
import { connectorById } from '../../connectors/registry';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors';
import * as store from '../../store/credentials';
import { transaction } from '../../store/db';
import { recordAudit } from '../audit';
import type { ConnectorCredentials } from '../contracts';
import type { Cipher } from '../secrets/cipher';
import { checkSettings, checkValue } from './checks';
import { testConnection, type ConnectionOutcome } from './connection-test';
import { credentialAad, revealCredential } from './reveal';
import { credentialView } from './view';

type Info = z.input<typeof CredentialInfo>;
type Test = z.input<typeof ConnectionTest>;

export interface CredentialsService extends ConnectorCredentials {
  list(filter?: { connectorId?: string }): Promise<Info[]>;
  /** By an admin, or by the system (the start-up adoption of legacy credentials, `system:…`). */
  create(input: CreateCredentialBody, actor: Actor | `system:${string}`): Promise<Info>;
  update(name: string, patch: UpdateCredentialBody, actor: Actor): Promise<Info>;
  remove(name: string, actor: Actor): Promise<void>;
  /** Runs the health action with the stored value and records the result (an answer, not an error, when it fails). */
  test(name: string, actor: Actor): Promise<Test>;
  /** Tests `value`, then swaps it in; 422 `connection_test_failed` (the old value stays) when the test fails. */
  rotate(name: string, value: string, actor: Actor): Promise<{ credential: Info; test: Test | null }>;
  /** Marks the credential used now; best effort (never throws), at most one write a minute per credential. */
  touch(name: string): Promise<void>;
}

export interface CredentialsDeps {
  cipher: Cipher;
  /** Runs test connections: the guarded outbound client in the server, a mock-friendly one in tests. */
  client: ConnectorClient;
  /**
   * The installed definition of a connector, the newest version (a `ConnectorCatalog`'s
   * `latest`, once there is one). @default the built-in registry
   */
  connector?: (id: string) => ConnectorDefinition | undefined;
}

const TARGET = 'connector_credential';
const TOUCH_INTERVAL_MS = 60_000;

export function createCredentialsService(ctx: AppContext, deps: CredentialsDeps): CredentialsService {
  const { cipher, client, connector = connectorById } = deps;
  const now = () => new Date(ctx.clock.now());

  async function existing(name: string): Promise<store.CredentialRow> {
    const row = await store.findCredential(ctx.prisma, name);
    if (!row) throw new NotFoundError(`credential "${name}"`);
    return row;
  }
  /** The connector of a stored credential; 409 when it is no longer installed. */
  function definitionOf(row: store.CredentialRow): ConnectorDefinition {
    const found = connector(row.connectorId);
    if (!found) throw new ConflictError(`connector "${row.connectorId}" of credential "${row.name}" is not installed`);
    return found;
  }
  async function run(definition: ConnectorDefinition, row: store.CredentialRow, value: string) {
    return testConnection(client, definition, { value, settings: row.settings, baseUrl: row.baseUrl });
  }
  const testOf = (o: ConnectionOutcome, at: Date): Test => ({ ...o, testedAt: at });
  const reveal = (name: string) => revealCredential(ctx, cipher, name);

  return {
    reveal,
    async index() {
      const rows = await store.listCredentials(ctx.prisma);
      return rows.map(({ name, connectorId, mode }) => ({ name, connectorId, mode }));
    },
    list: async (filter) => (await store.listCredentials(ctx.prisma, filter)).map(credentialView),

    async create(input, actor) {
      const definition = connector(input.connectorId);
      if (!definition) {
        throw new ValidationError('unknown connector', [
          { path: 'body.connectorId', message: `no connector "${input.connectorId}" is installed` },
        ]);
      }
      const settings = checkSettings(definition, input.settings, 'body.settings');
      checkValue(definition, input.value, 'body.value', settings);
      const sealed = cipher.seal(input.value, credentialAad(input.name));
      return transaction(ctx.prisma, async (tx) => {
        const config = { mode: input.mode, settings, baseUrl: input.baseUrl ?? null };
        const row = await store.insertCredential(tx, {
          ...config,
          name: input.name,
          connectorId: definition.id,
          createdById: typeof actor === 'string' ? null : actor.userId,
          sealed,
        });
        if (!row) throw new ConflictError(`a credential named "${input.name}" exists`, 'credential_name_taken');
        const details = { connectorId: row.connectorId, ...config };
        await recordAudit(tx, { actor, action: 'credential.created', targetType: TARGET, targetId: row.name, details });
        return credentialView(row);
      });
    },

    async update(name, patch, actor) {
      const before = await existing(name);
      const settings = patch.settings
        ? checkSettings(definitionOf(before), patch.settings, 'body.settings')
        : undefined;
      const after = {
        mode: patch.mode ?? before.mode,
        settings: settings ?? before.settings,
        baseUrl: patch.baseUrl === undefined ? before.baseUrl : patch.baseUrl,
      };
      const moved =
        JSON.stringify(after.settings) !== JSON.stringify(before.settings) || after.baseUrl !== before.baseUrl;
      return transaction(ctx.prisma, async (tx) => {
        if (!(await store.findCredential(tx, name))) throw new NotFoundError(`credential "${name}"`);
        const row = await store.updateCredentialConfig(tx, name, after, moved);
        const was = { mode: before.mode, settings: before.settings, baseUrl: before.baseUrl };
        const details = { connectorId: row.connectorId, before: was, after };
        await recordAudit(tx, { actor, action: 'credential.updated', targetType: TARGET, targetId: name, details });
        return credentialView(row);
      });
    },

    async remove(name, actor) {
      await transaction(ctx.prisma, async (tx) => {
        const before = await store.findCredential(tx, name);
        if (!before || !(await store.deleteCredential(tx, name))) throw new NotFoundError(`credential "${name}"`);
        const details = { connectorId: before.connectorId, mode: before.mode };
        await recordAudit(tx, { actor, action: 'credential.deleted', targetType: TARGET, targetId: name, details });
      });
    },

    async test(name, actor) {
      const row = await existing(name);
      const definition = definitionOf(row);
      const revealed = await reveal(name);
      if (!revealed) throw new ConflictError(`credential "${name}" cannot be decrypted (wrong SECRET_KEY?)`);
      const outcome = await run(definition, row, revealed.value);
      if (!outcome) throw new ConflictError(`connector "${definition.id}" has no health action to test with`);
      const at = now();
      await transaction(ctx.prisma, async (tx) => {
        await store.recordCredentialTest(tx, name, { at, ok: outcome.ok, message: outcome.message });
        const details = { connectorId: row.connectorId, ok: outcome.ok, status: outcome.status ?? null };
        await recordAudit(tx, { actor, action: 'credential.tested', targetType: TARGET, targetId: name, details });
      });
      return testOf(outcome, at);
    },

    async rotate(name, value, actor) {
      const row = await existing(name);
      const definition = definitionOf(row);
      checkValue(definition, value, 'body.value', row.settings);
      const outcome = await run(definition, row, value);
      const at = now();
      if (outcome && !outcome.ok) {
        // Kept on the row (the list shows it), not audited: nothing changed, and a refused request writes no row.
        await store.recordRotationFailure(ctx.prisma, name, at, outcome.message);
        ctx.log.warn({ credential: name, status: outcome.status }, 'a credential rotation failed its test');
        throw new AppError(
          422,
          'connection_test_failed',
          `the new value failed the test connection: ${outcome.message}`,
          [{ path: 'body.value', message: outcome.message }],
        );
      }
      const sealed = cipher.seal(value, credentialAad(name));
      const test = outcome ? { at, ok: true, message: outcome.message } : undefined;
      return transaction(ctx.prisma, async (tx) => {
        const swapped = await store.replaceCredentialValue(tx, name, row.valueVersion, sealed, at, test);
        if (!swapped) throw new ConflictError(`credential "${name}" changed while the new value was tested; try again`);
        const details = { connectorId: row.connectorId, version: swapped.valueVersion, tested: outcome !== undefined };
        await recordAudit(tx, { actor, action: 'credential.rotated', targetType: TARGET, targetId: name, details });
        return { credential: credentialView(swapped), test: outcome ? testOf(outcome, at) : null };
      });
    },

    async touch(name) {
      try {
        await store.touchCredential(ctx.prisma, name, now(), TOUCH_INTERVAL_MS);
      } catch (e) {
        ctx.log.warn({ credential: name, err: e }, 'could not record that a credential was used');
      }
    },
  };
}
