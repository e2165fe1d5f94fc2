/** User administration (admin only, enforced by the routes) and the directory everyone may read. */
import type { AppContext } from '../../context';
import { CreateUserBody, UpdateUserBody, type Actor } from '@autonomic/api';
import { ConflictError, NotFoundError } from '../../errors';
import { transaction } from '../../store/db';
import { revokeUserApiTokens } from '../../store/api-tokens';
import { deleteUserSessions } from '../../store/sessions';
import {
  findUser,
  insertUser,
  listUserDirectory,
  listUsers,
  lockEnabledAdmins,
  updateUser,
  type UserChanges,
  type UserRecord,
  type UserSummary,
} from '../../store/users';
import { recordAudit } from '../audit';
import type { CredentialCache } from './credential-cache';
import type { PasswordHasher } from './password';

type Change = { from: unknown; to: unknown } | 'changed';

/** The refusals of `update`, each with its own code. */
function checkAllowed(actor: Actor, target: UserRecord, patch: UpdateUserBody): void {
  if (actor.userId !== target.id) return;
  if (patch.disabled === true) throw new ConflictError('you cannot disable yourself', 'cannot_disable_self');
  if (patch.role && patch.role !== target.role) {
    throw new ConflictError('you cannot change your own role', 'cannot_demote_self');
  }
}

const removesAdmin = (target: UserRecord, patch: UpdateUserBody) =>
  target.role === 'admin' && !target.disabled && (patch.disabled === true || (!!patch.role && patch.role !== 'admin'));

export function createUserService({
  ctx,
  hasher,
  cache,
}: {
  ctx: AppContext;
  hasher: PasswordHasher;
  cache: CredentialCache;
}) {
  const { prisma } = ctx;
  return {
    directory: (): Promise<UserSummary[]> => listUserDirectory(prisma),
    list: (): Promise<UserRecord[]> => listUsers(prisma),

    /** @throws ConflictError `username_taken` */
    async create(actor: Actor, input: CreateUserBody): Promise<UserRecord> {
      const { password, ...fields } = CreateUserBody.parse(input);
      const passwordHash = await hasher.hash(password);
      return transaction(prisma, async (tx) => {
        const user = await insertUser(tx, { ...fields, passwordHash });
        if (!user) throw new ConflictError(`username ${fields.username} is taken`, 'username_taken');
        await recordAudit(tx, {
          actor,
          action: 'user.created',
          targetType: 'user',
          targetId: user.id,
          details: { username: user.username, displayName: user.displayName, role: user.role },
        });
        return user;
      });
    },

    /**
     * A new password (an admin's reset) ends the user's sessions and revokes their API
     * tokens, each revocation audited.
     * @throws ConflictError `cannot_disable_self`, `cannot_demote_self`, `last_admin`
     */
    async update(actor: Actor, id: string, input: UpdateUserBody): Promise<UserRecord> {
      const patch = UpdateUserBody.parse(input);
      const passwordHash = patch.password ? await hasher.hash(patch.password) : undefined;
      const updated = await transaction(prisma, async (tx) => {
        // Lock the admins first: concurrent demotions then see each other's result.
        const admins = await lockEnabledAdmins(tx);
        const target = await findUser(tx, id);
        if (!target) throw new NotFoundError('user');
        checkAllowed(actor, target, patch);
        if (removesAdmin(target, patch) && !admins.some((a) => a !== id)) {
          throw new ConflictError('the last enabled admin cannot be disabled or demoted', 'last_admin');
        }
        const changes: UserChanges = {};
        const audit: Record<string, Change> = {};
        for (const key of ['displayName', 'role', 'disabled'] as const) {
          const to = patch[key];
          if (to === undefined || to === target[key]) continue;
          Object.assign(changes, { [key]: to });
          audit[key] = { from: target[key], to };
        }
        if (passwordHash) {
          changes.passwordHash = passwordHash;
          audit.password = 'changed';
        }
        if (Object.keys(changes).length === 0) return target;
        const user = await updateUser(tx, id, changes);
        // A new password or a disabled account ends every session at once (tokens stop via the disabled flag).
        if (changes.disabled || passwordHash)
          await deleteUserSessions(tx, id, actor.userId === id ? actor.sessionId : undefined);
        // A reset answers a stolen or forgotten password: tokens minted with it must stop too.
        const revoked = passwordHash ? await revokeUserApiTokens(tx, id, new Date(ctx.clock.now())) : [];
        await recordAudit(tx, {
          actor,
          action: 'user.updated',
          targetType: 'user',
          targetId: id,
          details: {
            username: user.username,
            changes: audit,
            ...(passwordHash ? { tokensRevoked: revoked.length } : {}),
          },
        });
        for (const token of revoked) {
          await recordAudit(tx, {
            actor,
            action: 'token.revoked',
            targetType: 'api_token',
            targetId: token.id,
            details: { name: token.name, ownerId: id, reason: 'password_reset' },
          });
        }
        return user;
      });
      cache.invalidateUser(id);
      return updated;
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
