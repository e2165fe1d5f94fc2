/** Tests only: a workflow settings server answering with plain fixtures, changed by the test. */
import type { KillSwitchStatus, SettingsChange, SloStatus, TriggerStatus, WorkflowDetail } from '@autonomic/api';
import { fakeServer, type FakeRequest } from '../runs/fakeServer';

export const WF = '0190a1b2-0000-7000-8000-0000000000f3';
export const RUN = '0190a1b2-0000-7000-8000-0000000000a9';
export const alice = { id: '0190a1b2-0000-7000-8000-0000000000e1', username: 'alice', displayName: 'Alice' };

export const workflow: WorkflowDetail = {
  id: WF,
  slug: 'containment',
  name: 'Containment',
  ownerId: alice.id,
  owner: alice,
  createdAt: '2026-11-20T10:00:00.000Z',
  publishedVersionId: null,
  killSwitch: false,
  maxDestructivePerRun: null,
  maxDestructivePerHour: null,
  manualBaselineMinutes: null,
  autoRollback: true,
  webhookEnabled: false,
  published: null,
  latest: null,
};

export const slo: SloStatus = {
  workflowId: WF,
  name: 'Containment',
  slug: 'containment',
  objectivePercent: 99,
  latencySeconds: 300,
  windowDays: 30,
  configured: false,
  runs: 1,
  good: 0,
  compliance: 0,
  errorBudget: 0.01,
  budgetRemaining: -99,
  burn: [],
  state: 'not_enough_data',
  minRuns: 5,
};

export interface World {
  workflow: WorkflowDetail;
  killSwitch: KillSwitchStatus;
  trigger: TriggerStatus;
  webhook: { url: string; configured: boolean };
  changes: SettingsChange[];
  /** Answers a request the defaults do not (PATCH, POST…); undefined: 204. */
  write?: (req: FakeRequest) => unknown;
}

/** The fixtures' server: GETs answer from `world`, everything else goes to `world.write`. */
export function settingsServer(over: Partial<World> = {}) {
  const world: World = {
    workflow,
    killSwitch: { on: false, lastChange: null },
    trigger: { triggerType: 'trigger.webhook', exampleEvent: { ip: '203.0.113.7' }, schedule: null },
    webhook: { url: `http://localhost/api/hooks/${WF}`, configured: false },
    changes: [],
    ...over,
  };
  const { requests } = fakeServer((req) => {
    if (req.method === 'GET') {
      if (req.url === `/workflows/${WF}`) return world.workflow;
      if (req.url === `/workflows/${WF}/kill-switch`) return world.killSwitch;
      if (req.url === `/workflows/${WF}/trigger`) return world.trigger;
      if (req.url === `/workflows/${WF}/webhook`) return world.webhook;
      if (req.url === `/workflows/${WF}/settings-changes`) return { changes: world.changes };
      if (req.url.startsWith('/dashboard/slos')) {
        return { defaults: { objectivePercent: 99, latencySeconds: 300, windowDays: 30 }, slos: [slo] };
      }
    }
    if (world.write) return world.write(req);
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
  return { requests, world };
}
