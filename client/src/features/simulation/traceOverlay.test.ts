import { documentToGraph } from '@autonomic/workflow';
import { describe, expect, test } from 'vitest';
import { copyOfBase, parsedDocument } from '../versions/testing';
import { traceOverlay, type TraceAttempt } from './traceOverlay';

/** start → enrich → check ─true→ block ─out→ notify, ─error→ failed; check ─false→ done */
const graph = documentToGraph(parsedDocument(copyOfBase()));

let clock = 0;
function attempt(stepId: string, over: Partial<TraceAttempt> = {}): TraceAttempt {
  clock += 1;
  return {
    stepId,
    stepKey: stepId,
    nodeType: 'http',
    attempt: 1,
    status: 'succeeded',
    startedAt: clock,
    port: 'out',
    ...over,
  };
}

const refusedBlock = attempt('block', {
  nodeType: 'connector',
  status: 'failed',
  port: 'error',
  error: { kind: 'safety', message: 'refused: 203.0.113.7 is protected', retryable: false },
  safety: { decision: 'refuse', reason: '203.0.113.7 is protected: egress', criticality: 'high' },
});

describe('traceOverlay', () => {
  test('when steps succeed then they are green and the path edges are taken', () => {
    const trace = [
      attempt('enrich'),
      attempt('check', { nodeType: 'condition', port: 'false' }),
      attempt('done', { port: undefined }),
    ];
    const o = traceOverlay({ status: 'succeeded', trace }, graph);
    expect(o.nodes['enrich']).toEqual({ state: 'succeeded', note: 'succeeded' });
    expect(o.nodes['done']).toEqual({ state: 'succeeded', note: 'succeeded' });
    expect(o.edges).toEqual({
      'start:out->enrich': 'taken',
      'enrich:out->check': 'taken',
      'check:false->done': 'taken',
    });
  });

  test('when the run has ended then steps it never reached are grey (skipped)', () => {
    const trace = [attempt('enrich'), attempt('check', { port: 'false' }), attempt('done', { port: undefined })];
    const o = traceOverlay({ status: 'succeeded', trace }, graph);
    expect(o.nodes['block']).toEqual({ state: 'skipped', note: 'not reached' });
    expect(o.nodes['notify']).toEqual({ state: 'skipped', note: 'not reached' });
  });

  test('when the run is still going then unreached steps carry no decoration', () => {
    const trace = [attempt('enrich', { status: 'running', port: undefined })];
    const o = traceOverlay({ status: 'running', trace }, graph);
    expect(o.nodes['enrich']).toEqual({ state: 'running', note: 'running' });
    expect(o.nodes['check']).toBeUndefined();
  });

  test('when a step failed after retries then it is red with the attempts and the error', () => {
    const trace = [
      attempt('enrich', {
        status: 'failed',
        port: undefined,
        error: { kind: 'network', message: 'timeout', retryable: true },
      }),
      attempt('enrich', {
        attempt: 2,
        status: 'failed',
        port: undefined,
        error: { kind: 'network', message: 'timeout', retryable: true },
      }),
    ];
    const o = traceOverlay({ status: 'failed', trace }, graph);
    expect(o.nodes['enrich']).toEqual({ state: 'failed', note: 'failed after 2 attempts: timeout' });
  });

  test('when a retry succeeds then the step is green and says how many attempts', () => {
    const trace = [attempt('enrich', { status: 'failed', port: undefined }), attempt('enrich', { attempt: 2 })];
    const o = traceOverlay({ status: 'running', trace }, graph);
    expect(o.nodes['enrich']).toEqual({ state: 'succeeded', note: 'succeeded after 2 attempts' });
  });

  test('when the safety list refuses an action then it is refused with the reason and its error edge is taken', () => {
    const trace = [
      attempt('enrich'),
      attempt('check', { port: 'true' }),
      refusedBlock,
      attempt('failed', { port: undefined }),
    ];
    const o = traceOverlay({ status: 'failed', trace }, graph);
    expect(o.nodes['block']).toEqual({ state: 'refused', note: 'refused: 203.0.113.7 is protected: egress' });
    expect(o.edges?.['block:error->failed']).toBe('taken');
    expect(o.edges?.['block:out->notify']).toBeUndefined();
  });

  test('when an approval waits then it is waiting and says so', () => {
    const trace = [attempt('enrich'), attempt('check', { nodeType: 'approval', status: 'waiting', port: undefined })];
    const o = traceOverlay({ status: 'waiting', trace }, graph);
    expect(o.nodes['check']).toEqual({ state: 'waiting', note: 'awaiting approval' });
  });

  test('when a run was cancelled mid-step then the step is grey with "cancelled"', () => {
    const trace = [attempt('enrich', { status: 'cancelled', port: undefined })];
    const o = traceOverlay({ status: 'cancelled', trace }, graph);
    expect(o.nodes['enrich']).toEqual({ state: 'skipped', note: 'cancelled' });
  });

  test('when a run is queued and nothing ran then the graph is undecorated', () => {
    expect(traceOverlay({ status: 'queued', trace: [] }, graph)).toEqual({ nodes: {}, edges: {} });
  });
});
