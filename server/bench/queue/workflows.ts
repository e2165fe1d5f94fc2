/**
 * The benchmark's workflows: the 3-step pure run of the API benchmark, and a run whose one
 * step POSTs to the 50 ms mock (then a transform), published under one bench user.
 */
import { WorkflowDocument } from '@autonomic/workflow';
import type { AppContext } from '../../src/context';
import { publishDocument, threeStepDoc } from '../api/seed';

/** start → call (POST the mock, 50 ms) → done (transform) */
export function mockStepDoc(mockUrl: string): WorkflowDocument {
  return WorkflowDocument.parse({
    formatVersion: 3,
    metadata: { name: 'bench: one 50 ms call' },
    trigger: { id: 'start', type: 'trigger.webhook', params: {}, transitions: { out: ['call'] } },
    steps: {
      call: { type: 'http', params: { method: 'POST', url: mockUrl }, transitions: { out: ['done'] } },
      done: { type: 'transform', params: { expression: '"contained"' }, transitions: {} },
    },
  });
}

export interface BenchWorkflows {
  /** 3 pure steps (the throughput, latency and flood scenarios' workflow A). */
  pure: string;
  /** Workflow B of the fairness scenario: the same 3 pure steps, another workflow. */
  pureB: string;
  /** One step waiting on the 50 ms mock. */
  mock: string;
}

export async function publishWorkflows(prisma: AppContext['prisma'], mockUrl: string): Promise<BenchWorkflows> {
  const owner = await prisma.user.create({ data: { username: 'bench', displayName: 'Bench', passwordHash: '-' } });
  return {
    pure: await publishDocument(prisma, owner.id, 'pure-a', threeStepDoc),
    pureB: await publishDocument(prisma, owner.id, 'pure-b', threeStepDoc),
    mock: await publishDocument(prisma, owner.id, 'mock-50ms', mockStepDoc(mockUrl)),
  };
}
