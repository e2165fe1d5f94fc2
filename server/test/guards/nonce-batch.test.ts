/**
 * Webhook replay protection when deliveries arrive together (issue 10 §6): the claimer
 * sends the claims that queue up during one INSERT together in the next, and the INSERT's
 * ON CONFLICT DO NOTHING returns a duplicated key once, as if both rows were fresh. The
 * claimer itself must answer "replay" for the second copy of a signature in one batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNonceClaimer } from '../../src/services/triggers/nonce-batch';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { seedWorkflow } from '../ops/fixtures';

let db: TestDatabase;
let workflowId: string;
let otherWorkflowId: string;
const expires = () => new Date(Date.now() + 10 * 60_000);

beforeAll(async () => {
  db = await createTestDatabase();
  workflowId = (await seedWorkflow(db.prisma)).workflow.id;
  otherWorkflowId = (await seedWorkflow(db.prisma)).workflow.id;
});
afterAll(() => db.drop());

describe('guards, webhook nonces: one claim batch', () => {
  it('when the same signature is claimed twice in one batch then the first is fresh and the second a replay', async () => {
    const claim = createNonceClaimer(db.prisma);
    // The first claim goes out alone; the two that arrive while it is in flight share the next INSERT.
    const alone = claim(workflowId, 'sig-alone', expires());
    const once = claim(workflowId, 'sig-twice', expires());
    const again = claim(workflowId, 'sig-twice', expires());

    expect(await Promise.all([alone, once, again])).toEqual([true, true, false]);
    expect(await db.prisma.webhookNonce.count({ where: { workflowId, nonce: 'sig-twice' } })).toBe(1);
  });

  it('when a signature was claimed in an earlier batch then claiming it again is a replay', async () => {
    const claim = createNonceClaimer(db.prisma);
    expect(await claim(workflowId, 'sig-earlier', expires())).toBe(true);

    expect(await claim(workflowId, 'sig-earlier', expires())).toBe(false);
  });

  it('when two workflows receive the same signature in one batch then each claims its own', async () => {
    const claim = createNonceClaimer(db.prisma);
    const first = claim(workflowId, 'sig-warmup', expires());
    const mine = claim(workflowId, 'sig-shared', expires());
    const theirs = claim(otherWorkflowId, 'sig-shared', expires());

    expect(await Promise.all([first, mine, theirs])).toEqual([true, true, true]);
  });

  it('when batches are capped then claims beyond the cap go in the next batch and a duplicate across them is still a replay', async () => {
    const claim = createNonceClaimer(db.prisma, 2);
    const results = await Promise.all([
      claim(workflowId, 'cap-0', expires()),
      claim(workflowId, 'cap-1', expires()),
      claim(workflowId, 'cap-2', expires()),
      claim(workflowId, 'cap-1', expires()),
      claim(workflowId, 'cap-1', expires()),
    ]);

    expect(results).toEqual([true, true, true, false, false]);
  });

  it('when an INSERT fails then its claims are rejected and the next claim is sent normally', async () => {
    const claim = createNonceClaimer(db.prisma);
    const blocker = claim(workflowId, 'sig-before', expires());
    // Not a workflow id: the batch's INSERT fails on the uuid cast, and every claim in it is rejected.
    const bad = claim('not-a-uuid', 'sig-bad', expires());
    const sameBatch = claim(workflowId, 'sig-bad-batch', expires());

    expect(await blocker).toBe(true);
    await expect(bad).rejects.toThrow();
    await expect(sameBatch).rejects.toThrow();
    expect(await claim(workflowId, 'sig-after', expires())).toBe(true);
  });
});
