import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import {
  createSafetyLookupPort,
  createVirtualClock,
  SafetyList,
  simulate,
  type ApprovalsPort,
  type ApprovalTask,
} from '../../src/engine';
import { blockIp, FakeEffects, harness, step, T0, transform, workflow } from './harness';

const list = SafetyList.parse({
  protected: [],
  autoOk: [],
  assets: [
    { kind: 'ip', value: '10.20.0.5', criticality: 'high', owner: 'bob', businessService: 'factory' },
    { kind: 'cidr', value: '10.30.0.0/16', criticality: 'medium', owner: 'netops' },
  ],
});

/** An approvals port that keeps the opened tasks and escalations; `directory` answers which owners are users. */
function recordingApprovals(directory?: string[]) {
  const opened: ApprovalTask[] = [];
  const escalated: number[] = [];
  const port: ApprovalsPort = {
    open: async (task) => void opened.push(task),
    escalate: async (_task, level) => void escalated.push(level),
    close: async () => {},
    ...(directory ? { directoryUsers: async (owners) => owners.filter((o) => directory.includes(o)) } : {}),
  };
  return { port, opened, escalated };
}

/** start → ask (approval) ─approved→ block (gateway block_ip {{ event.ip }}) → done */
const guarded = (approvers: Record<string, unknown>, escalation: unknown[] = []) =>
  workflow('ask', {
    ask: step('approval', { approvers, timeout: '4h', escalation }, { approved: 'block', rejected: 'done' }),
    block: blockIp('{{ event.ip }}', { out: 'done' }),
    done: transform('"done"'),
  });

function live(approvals: ReturnType<typeof recordingApprovals>) {
  const h = harness({
    clock: createVirtualClock({ start: T0 }),
    effects: new FakeEffects(),
    approvals: approvals.port,
    safety: createSafetyLookupPort(list),
  });
  return h.engine;
}

const breakGlass = [{ after: '30m', approvers: { roles: ['admin'] }, label: 'On-call lead' }];

describe('engine: the owner of the target asset as approver', () => {
  it('when the guarded block targets an asset owned by bob, a directory user, then the task names bob besides the named role', async () => {
    const approvals = recordingApprovals(['bob', 'alice']);

    const run = await live(approvals).start(guarded({ roles: ['reviewer'], targetOwner: true }), { ip: '10.20.0.5' });

    expect(run.status).toBe('waiting');
    expect(approvals.opened).toHaveLength(1);
    expect(approvals.opened[0]?.approvers).toEqual({ users: ['bob'], roles: ['reviewer'] });
    expect(approvals.opened[0]?.owner).toEqual({ users: ['bob'], teams: [] });
    expect(approvals.escalated).toEqual([]);
  });

  it('when the owner names no user of the directory then it is recorded as a team and the named approvers are asked', async () => {
    const approvals = recordingApprovals(['bob']);

    await live(approvals).start(guarded({ users: ['alice'], targetOwner: true }), { ip: '10.30.4.4' });

    expect(approvals.opened[0]?.approvers).toEqual({ users: ['alice'], roles: [] });
    expect(approvals.opened[0]?.owner).toEqual({ users: [], teams: ['netops'], fallback: 'named' });
  });

  it('when no asset knows the target and only the owner is named then the first escalation level is reached at once', async () => {
    const approvals = recordingApprovals(['bob']);

    const run = await live(approvals).start(guarded({ targetOwner: true }, breakGlass), { ip: '192.0.2.1' });

    expect(run.status).toBe('waiting');
    const task = approvals.opened[0];
    expect(task?.approvers).toEqual({ users: [], roles: [] });
    expect(task?.owner).toEqual({ users: [], teams: [], fallback: 'escalation' });
    expect(task?.escalation[0]?.at).toBe(task?.createdAt);
    expect(approvals.escalated).toEqual([1]);
  });

  it('when targetOwner is off then the inventory is not asked and the task is as written', async () => {
    const approvals = recordingApprovals(['bob']);

    await live(approvals).start(guarded({ roles: ['reviewer'] }), { ip: '10.20.0.5' });

    expect(approvals.opened[0]?.approvers).toEqual({ users: [], roles: ['reviewer'] });
    expect(approvals.opened[0]?.owner).toBeUndefined();
  });
});

describe('approval params: targetOwner', () => {
  const parse = (p: Record<string, unknown>) => STEP_DEFINITIONS.approval.params.safeParse({ timeout: '1h', ...p });

  it('when targetOwner alone has an escalation level then the params are valid; without one they are refused on approvers', () => {
    expect(parse({ approvers: { targetOwner: true }, escalation: breakGlass }).success).toBe(true);
    const alone = parse({ approvers: { targetOwner: true } });
    expect(alone.success).toBe(false);
    expect(alone.error?.issues.map((i) => i.path.join('.'))).toEqual(['approvers']);
    expect(parse({ approvers: {} }).error?.issues[0]?.message).toBe('name at least one user or role');
  });
});

describe('simulation: the owner of the target asset', () => {
  it('when the target is an asset owned by bob then the simulated task asks bob and the run goes on as the policy decides', async () => {
    const sim = await simulate(
      guarded({ roles: ['reviewer'], targetOwner: true }),
      { ip: '10.20.0.5' },
      { safety: list, approvalPolicy: 'approved' },
    );

    expect(sim.status).toBe('succeeded');
    expect(sim.path).toEqual(['ask', 'block', 'done']);
    const ask = sim.trace.find((a) => a.stepKey === 'ask');
    expect(ask?.input).toMatchObject({ approvers: { users: ['bob'], roles: ['reviewer'] } });
  });
});
