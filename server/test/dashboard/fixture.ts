/**
 * A small hand-built history with known timestamps, and the values each aggregate must
 * give for it, worked out by hand below (range: 2026-11-20 00:00–12:00 UTC, "now" 12:00).
 *
 * People: analyst A owns wf1 and wf2; analyst B owns wf3 and wf4; reviewer R is asked to
 * review wf3; reviewer S decided on wf2's review (without being asked); manager M.
 * wf1 "Containment" (baseline 40 min, SLO 80 % within 30 min over 7 days),
 * wf2 "Enrichment" (baseline 30 min, default SLO), wf3 "Manual checks" (no baseline),
 * wf4 "Draft" (no runs).
 *
 * run  wf  created  ended    status     trigger  notes
 * r1   1   01:00    01:10    succeeded  webhook  event 00:58; approval 01:01→01:06 (300 s); block ok 01:07
 * r2   1   02:00    02:20    succeeded  webhook  event 01:59; approval 02:01→02:18 (1020 s), escalated, break glass; blocks ok 02:19, 02:19:30
 * r3   1   03:00    03:05    failed     webhook  approval 03:01→03:02 (60 s); block failed twice (firewall 503)
 * r4   1   04:00    05:05    failed     webhook  approval 04:01, escalated, timed out 05:01 (3600 s)
 * r5   1   05:00    05:02    succeeded  manual   approval 05:00:30→05:01:30 rejected (60 s)
 * r6   2   01:30    01:31    succeeded  webhook  event 01:29; lookup 429 then ok; isolate ok 01:30:40
 * r7   2   02:30    02:32    succeeded  webhook  event 02:29:30; isolate ok 02:31
 * r8   2   03:30    03:30:30 succeeded  webhook  nothing destructive
 * r9   2   06:30    06:31    failed     webhook  lookup failed twice (503); run error with a formula-like message
 * r10  2   07:30    07:31    cancelled  webhook
 * r11  3   02:00    02:01    succeeded  manual
 * r12  3   08:00    08:00:30 succeeded  manual
 * r13  1   02:00    02:10    succeeded  -        a SIMULATION: never counted
 * r14  1   11-19 23:00 23:10 succeeded webhook  before the range: only in wf1's SLO window
 * r15  1   09:00    -        waiting    webhook  approval 09:01 pending
 */
import type { PrismaClient } from '../../src/generated/prisma/client';
import type { Clock } from '../../src/engine';
import { createUser } from '../support/app';

export const NOW = Date.parse('2026-11-20T12:00:00Z');
export const FROM = '2026-11-20T00:00:00Z';
export const TO = '2026-11-20T12:00:00Z';
export const RANGE = `from=${FROM}&to=${TO}`;
export const fixedClock: Clock = { now: () => NOW, sleep: async () => undefined };

const at = (hhmmss: string, day = '2026-11-20') => new Date(`${day}T${hhmmss}Z`);

/** The formula-like error of r9, for the CSV guard. */
export const FORMULA_MESSAGE = '=HYPERLINK("http://x.example","click"), VirusTotal answered 503';

export type Fixture = Awaited<ReturnType<typeof seedFixture>>;

interface RunSpec {
  wf: string;
  created: string;
  ended?: string;
  status: 'succeeded' | 'failed' | 'cancelled' | 'waiting';
  trigger?: string;
  event?: string;
  mode?: 'live' | 'simulation';
  day?: string;
  error?: object;
}

export async function seedFixture(prisma: PrismaClient) {
  const A = await createUser(prisma, 'analyst');
  const B = await createUser(prisma, 'analyst');
  const R = await createUser(prisma, 'reviewer');
  const S = await createUser(prisma, 'reviewer');
  const M = await createUser(prisma, 'manager');

  const workflow = async (slug: string, name: string, owner: string, baseline: number | null) => {
    const w = await prisma.workflow.create({ data: { slug, name, ownerId: owner, manualBaselineMinutes: baseline } });
    const v = await prisma.workflowVersion.create({
      data: { workflowId: w.id, number: 1, document: {}, contentHash: `hash-${slug}`, authorId: owner },
    });
    return { id: w.id, versionId: v.id };
  };
  const wf1 = await workflow('containment', 'Containment', A.id, 40);
  const wf2 = await workflow('enrichment', 'Enrichment', A.id, 30);
  const wf3 = await workflow('manual-checks', 'Manual checks', B.id, null);
  const wf4 = await workflow('draft', 'Draft', B.id, null);
  const wfs: Record<string, { id: string; versionId: string }> = { wf1, wf2, wf3, wf4 };

  await prisma.review.create({
    data: { versionId: wf3.versionId, requestedById: B.id, requestedReviewerIds: [R.id] },
  });
  const review2 = await prisma.review.create({
    data: { versionId: wf2.versionId, requestedById: A.id, requestedReviewerIds: [R.id] },
  });
  await prisma.reviewDecision.create({
    data: { reviewId: review2.id, reviewerId: S.id, decision: 'approve', contentHash: 'hash-enrichment' },
  });
  await prisma.workflowSlo.create({
    data: { workflowId: wf1.id, objectivePercent: 80, latencySeconds: 1800, windowDays: 7 },
  });

  const run = async (s: RunSpec) => {
    const w = wfs[s.wf];
    if (!w) throw new Error(s.wf);
    const created = at(s.created, s.day);
    const r = await prisma.run.create({
      data: {
        workflowId: w.id,
        versionId: w.versionId,
        mode: s.mode ?? 'live',
        status: s.status,
        triggerType: s.trigger ?? 'webhook',
        input: {},
        eventTimestamp: s.event ? at(s.event) : null,
        createdAt: created,
        startedAt: created,
        finishedAt: s.ended ? at(s.ended, s.day) : null,
        ...(s.error ? { error: s.error } : {}),
      },
    });
    return r.id;
  };
  const r = {
    r1: await run({ wf: 'wf1', created: '01:00:00', ended: '01:10:00', status: 'succeeded', event: '00:58:00' }),
    r2: await run({ wf: 'wf1', created: '02:00:00', ended: '02:20:00', status: 'succeeded', event: '01:59:00' }),
    r3: await run({ wf: 'wf1', created: '03:00:00', ended: '03:05:00', status: 'failed' }),
    r4: await run({ wf: 'wf1', created: '04:00:00', ended: '05:05:00', status: 'failed' }),
    r5: await run({ wf: 'wf1', created: '05:00:00', ended: '05:02:00', status: 'succeeded', trigger: 'manual' }),
    r6: await run({ wf: 'wf2', created: '01:30:00', ended: '01:31:00', status: 'succeeded', event: '01:29:00' }),
    r7: await run({ wf: 'wf2', created: '02:30:00', ended: '02:32:00', status: 'succeeded', event: '02:29:30' }),
    r8: await run({ wf: 'wf2', created: '03:30:00', ended: '03:30:30', status: 'succeeded' }),
    r9: await run({
      wf: 'wf2',
      created: '06:30:00',
      ended: '06:31:00',
      status: 'failed',
      error: { kind: 'http_5xx', message: FORMULA_MESSAGE, retryable: true, stepId: 'lookup' },
    }),
    r10: await run({ wf: 'wf2', created: '07:30:00', ended: '07:31:00', status: 'cancelled' }),
    r11: await run({ wf: 'wf3', created: '02:00:00', ended: '02:01:00', status: 'succeeded', trigger: 'manual' }),
    r12: await run({ wf: 'wf3', created: '08:00:00', ended: '08:00:30', status: 'succeeded', trigger: 'manual' }),
    r13: await run({ wf: 'wf1', created: '02:00:00', ended: '02:10:00', status: 'succeeded', mode: 'simulation' }),
    r14: await run({ wf: 'wf1', created: '23:00:00', ended: '23:10:00', status: 'succeeded', day: '2026-11-19' }),
    r15: await run({ wf: 'wf1', created: '09:00:00', status: 'waiting' }),
  };

  type Step = [
    run: string,
    stepId: string,
    attempt: number,
    type: string,
    effect: string,
    status: string,
    start: string,
    end: string,
    message?: string,
  ];
  const steps: Step[] = [
    [r.r1, 'notify', 1, 'connector', 'write', 'succeeded', '01:00:10', '01:00:20'],
    [r.r1, 'block_ip', 1, 'connector', 'destructive', 'succeeded', '01:06:30', '01:07:00'],
    [r.r2, 'block_ip', 1, 'connector', 'destructive', 'succeeded', '02:18:30', '02:19:00'],
    [r.r2, 'block_ip_2', 1, 'connector', 'destructive', 'succeeded', '02:19:10', '02:19:30'],
    [r.r3, 'block_ip', 1, 'connector', 'destructive', 'failed', '03:02:10', '03:02:20', 'firewall API answered 503'],
    [r.r3, 'block_ip', 2, 'connector', 'destructive', 'failed', '03:03:00', '03:03:10', 'firewall API answered 503'],
    [r.r6, 'lookup', 1, 'http', 'read', 'failed', '01:30:01', '01:30:02', 'VirusTotal answered 429'],
    [r.r6, 'lookup', 2, 'http', 'read', 'succeeded', '01:30:10', '01:30:11'],
    [r.r6, 'isolate', 1, 'isolate-host', 'destructive', 'succeeded', '01:30:30', '01:30:40'],
    [r.r7, 'isolate', 1, 'isolate-host', 'destructive', 'succeeded', '02:30:50', '02:31:00'],
    [r.r8, 'lookup', 1, 'http', 'read', 'succeeded', '03:30:01', '03:30:02'],
    [r.r9, 'lookup', 1, 'http', 'read', 'failed', '06:30:01', '06:30:02', 'VirusTotal answered 503'],
    [r.r9, 'lookup', 2, 'http', 'read', 'failed', '06:30:20', '06:30:21', 'VirusTotal answered 503'],
    [r.r13, 'block_ip', 1, 'connector', 'destructive', 'succeeded', '02:05:00', '02:05:10'],
  ];
  await prisma.stepRun.createMany({
    data: steps.map(([runId, stepId, attempt, nodeType, effect, status, start, end, message]) => ({
      runId,
      stepKey: stepId,
      stepId,
      attempt,
      nodeType,
      effectClass: effect as 'none',
      status: status as 'succeeded',
      startedAt: at(start),
      finishedAt: at(end),
      ...(message ? { error: { kind: 'http_5xx', message, retryable: true } } : {}),
    })),
  });

  type Task = [
    run: string,
    created: string,
    decided: string | null,
    status: string,
    level: number,
    breakGlass?: boolean,
  ];
  const tasks: Task[] = [
    [r.r1, '01:01:00', '01:06:00', 'approved', 0],
    [r.r2, '02:01:00', '02:18:00', 'approved', 1, true],
    [r.r3, '03:01:00', '03:02:00', 'approved', 0],
    [r.r4, '04:01:00', '05:01:00', 'timed_out', 1],
    [r.r5, '05:00:30', '05:01:30', 'rejected', 0],
    [r.r15, '09:01:00', null, 'pending', 0],
  ];
  await prisma.approvalTask.createMany({
    data: tasks.map(([runId, created, decided, status, level, breakGlass], i) => ({
      runId,
      stepKey: 'approve',
      taskId: `task-${i}`,
      approvers: {},
      escalationLevel: level,
      status: status as 'approved',
      createdAt: at(created),
      decidedAt: decided ? at(decided) : null,
      decisions:
        decided && status !== 'timed_out'
          ? [{ userId: R.id, decision: status, level, breakGlass: breakGlass ?? false, at: at(decided).toISOString() }]
          : [],
    })),
  });

  return { users: { A, B, R, S, M }, wf: { wf1: wf1.id, wf2: wf2.id, wf3: wf3.id, wf4: wf4.id }, runs: r };
}
