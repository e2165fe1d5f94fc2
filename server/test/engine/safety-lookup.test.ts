import { TestCase } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createLookup, createSafetyLookupPort, runCase, SafetyList, simulate } from '../../src/engine';
import { FakeEffects, harness, inspect, step, transform, workflow } from './harness';

const list = SafetyList.parse({
  protected: [{ kind: 'host', value: 'dc01.corp.example', criticality: 'critical', reason: 'domain controller' }],
  autoOk: [{ kind: 'cidr', value: '198.51.100.0/24', criticality: 'low', reason: 'guest wifi' }],
  assets: [
    { kind: 'cidr', value: '10.0.0.0/8', criticality: 'low', owner: 'netops', businessService: 'corporate lan' },
    { kind: 'cidr', value: '10.20.0.0/16', criticality: 'high', owner: 'plant-ops', businessService: 'factory' },
    { kind: 'ip', value: '10.20.0.5', criticality: 'critical', owner: 'scada-team', tags: ['ot', 'pci'] },
    { kind: 'domain', value: 'corp.example', criticality: 'medium', owner: 'it' },
    { kind: 'user', value: 'CORP\\ceo', criticality: 'critical', owner: 'exec-office' },
  ],
});
const lookup = createLookup(list, list.assets);

describe('safety lookup (pure)', () => {
  it('when a target falls in several assets then the most specific one answers (address, then narrower block)', () => {
    expect(lookup({ kind: 'ip', value: '10.20.0.5' })).toMatchObject({
      criticality: 'critical',
      owner: 'scada-team',
      tags: ['ot', 'pci'],
    });
    expect(lookup({ kind: 'ip', value: '10.20.9.9' })).toMatchObject({
      criticality: 'high',
      owner: 'plant-ops',
      businessService: 'factory',
    });
    expect(lookup({ kind: 'ip', value: '10.1.1.1' })).toMatchObject({
      found: true,
      criticality: 'low',
      owner: 'netops',
    });
  });

  it('when the target is a user in another form or a host in any case then the matcher of the safety lists applies', () => {
    expect(lookup({ kind: 'user', value: 'ceo@corp.example' })).toMatchObject({ found: true, owner: 'exec-office' });
    expect(lookup({ kind: 'host', value: 'DC01.Corp.Example.' })).toMatchObject({
      found: true,
      owner: 'it',
      protected: true,
      protectedEntry: { value: 'dc01.corp.example', reason: 'domain controller', criticality: 'critical' },
      autoOk: false,
    });
  });

  it('when the target is only on the auto-OK list then it is auto-OK with its entry, not found, no criticality', () => {
    expect(lookup({ kind: 'ip', value: '198.51.100.9' })).toEqual({
      target: '198.51.100.9',
      kind: 'ip',
      found: false,
      criticality: null,
      owner: null,
      businessService: null,
      tags: [],
      protected: false,
      autoOk: true,
      autoOkEntry: { kind: 'cidr', value: '198.51.100.0/24', criticality: 'low', reason: 'guest wifi', owner: null },
    });
  });
});

/**
 * start → look (safety-lookup {{ event.ip }}) → gate (criticality in [high, critical])
 *                                                 ├true→ page (transform "page " & owner)
 *                                                 └false→ contain (transform "contain")
 */
const doc = workflow('look', {
  look: step('safety-lookup', { target: '{{ event.ip }}', kind: 'ip' }, { out: 'gate' }),
  gate: step(
    'condition',
    { predicate: 'steps.look.output.criticality in ["high", "critical"]' },
    { true: 'page', false: 'contain' },
  ),
  page: transform('"page " & steps.look.output.owner'),
  contain: transform('"contain"'),
});

describe('safety-lookup step', () => {
  it('when a live run looks up a critical asset then it branches on the criticality and the output names the owner', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyLookupPort(list) });

    const crit = await engine.start(doc, { ip: '10.20.0.5' });
    const low = await engine.start(doc, { ip: '10.3.3.3' });

    const run = await inspect(store, crit.runId);
    expect(run.path).toEqual(['look', 'gate', 'page']);
    expect(run.result('page')?.output).toBe('page scada-team');
    expect(run.result('look')?.output).toMatchObject({
      target: '10.20.0.5',
      kind: 'ip',
      found: true,
      protected: false,
    });
    expect((await inspect(store, low.runId)).path).toEqual(['look', 'gate', 'contain']);
    expect(effects.calls).toEqual([]); // nothing left the process
  });

  it('when the engine has no safety port then the lookup finds nothing and the run goes on', async () => {
    const { engine, store } = harness();
    const r = await engine.start(doc, { ip: '10.20.0.5' });
    expect((await inspect(store, r.runId)).path).toEqual(['look', 'gate', 'contain']);
  });

  it('when the target renders empty then the step fails with a validation error', async () => {
    const { engine } = harness({ safety: createSafetyLookupPort(list) });
    const r = await engine.start(doc, {});
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ kind: 'validation', message: expect.stringContaining('target') });
  });

  it('when simulated then the same lists answer, with no fixture needed', async () => {
    const sim = await simulate(doc, { ip: '10.20.0.5' }, { safety: list });
    expect(sim.status).toBe('succeeded');
    expect(sim.path).toEqual(['look', 'gate', 'page']);
    expect(sim.trace.find((a) => a.stepId === 'page')?.output).toBe('page scada-team');
    expect(sim.effects).toEqual([]);
  });

  it("when a test case protects the target then the lookup in the case's simulation says protected with the case's entry", async () => {
    const branch = workflow('look', {
      look: step('safety-lookup', { target: '{{ event.ip }}', kind: 'ip' }, { out: 'gate' }),
      gate: step('condition', { predicate: 'steps.look.output.protected' }, { true: 'hold', false: 'go' }),
      hold: step('end', { status: 'succeeded', output: 'steps.look.output.protectedEntry.reason' }),
      go: step('end', { status: 'succeeded', output: '"go"' }),
    });
    const testCase = TestCase.parse({
      name: 'protected laptop',
      event: { ip: '10.3.3.3' },
      safety: { protected: [{ kind: 'ip', value: '10.3.3.3', reason: 'the CEO laptop' }] },
      expect: { status: 'succeeded', reached: ['hold'], outputs: [{ matches: '$ = "the CEO laptop"' }] },
    });

    const withEntry = await runCase(branch, testCase, { safety: list });
    const without = await runCase(branch, { ...testCase, safety: { protected: [], autoOk: [] } }, { safety: list });

    expect(withEntry.result.passed).toBe(true);
    expect(withEntry.simulation?.output).toBe('the CEO laptop');
    // The organisation's assets still answer alongside the case's entries.
    expect(withEntry.simulation?.trace.find((a) => a.stepId === 'look')?.output).toMatchObject({
      found: true,
      owner: 'netops',
    });
    expect(without.simulation?.output).toBe('go');
  });
});
