import type { AppContext } from '../context';
import { seedDemoCredentials } from './credentials';
import { seedDemoHistory } from './history';
import { seedExamplePlaybooks } from './playbooks';
import { demoUsersNotice, seedDemoUsers, type DemoUser } from './users';

export { enabledDemoUsers } from './users';

/**
 * First start on an empty database: demo users (printed with a change-me warning), the
 * demo connector credentials the examples name (test mode, fake values), and the example
 * playbooks, reviewed and published so that a newcomer has something to run. Each part
 * does nothing when its table already has rows. Returns the demo users this call created.
 */
export async function seedDemoData(ctx: AppContext): Promise<DemoUser[]> {
  const created = await seedDemoUsers(ctx);
  if (created.length > 0) {
    const { demoUsers, msg } = demoUsersNotice(created);
    ctx.log.warn({ demoUsers }, msg);
  }

  const users = await ctx.prisma.user.findMany({ where: { username: { in: ['alice', 'bob', 'carol', 'admin'] } } });
  const byName = new Map(users.map((u) => [u.username, u.id]));
  const admin = byName.get('admin');
  if (admin) await seedDemoCredentials(ctx, { adminId: admin });
  const author = byName.get('alice');
  const reviewers = ['bob', 'carol'].flatMap((n) => byName.get(n) ?? []);
  if (!author || reviewers.length < 2) return created;
  await seedExamplePlaybooks(ctx, { authorId: author, reviewerIds: reviewers, publish: true });
  await seedDemoHistory(ctx);
  return created;
}
