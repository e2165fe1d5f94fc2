import type { Actor } from '@autonomic/api';
import type { AppContext } from '../context';
import { findUser } from '../store/users';

/**
 * A demo user acting through the seed: the services audit it as `token:seed:<username>`,
 * so the audit log tells seeded rows from anyone's.
 */
export async function seedActor(ctx: AppContext, id: string): Promise<Actor> {
  const u = await findUser(ctx.prisma, id);
  if (!u) throw new Error(`seed user ${id} does not exist`);
  return { userId: id, username: u.username, role: u.role, via: 'token', tokenId: 'seed' };
}
