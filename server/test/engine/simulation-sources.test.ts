import { describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { TestCase } from '@autonomic/workflow';
import { runCase, simulate, type EffectsPort } from '../../src/engine';
import { blockIp, get, notify, workflow } from './harness';

const catalog = createConnectorCatalog();
const connectors = { definition: (id: string, version: string) => catalog.get(id, version) };

/**
 * start → intel (GET, fixture) → lookup (GET, nothing) → tell (gateway notify, example)
 *       → block (gateway block_ip, example)
 */
const playbook = workflow('intel', {
  intel: get('https://intel.example/{{ event.ip }}', { out: 'lookup' }),
  lookup: get('https://whois.example/{{ event.ip }}', { out: 'tell' }),
  tell: notify('seen {{ event.ip }}', { out: 'block' }),
  block: blockIp('{{ event.ip }}'),
});
const event = { ip: '198.51.100.7' };
const testCase = TestCase.parse({ name: 'abusive ip', event, expect: { status: 'succeeded' } });

const sourceOf = (sim: Awaited<ReturnType<typeof simulate>>, stepId: string) =>
  sim.trace.filter((a) => a.stepId === stepId).map((a) => a.source);

describe('where a simulated answer came from', () => {
  it('when a step has a fixture, a connector step an example and an http step neither then the trace says fixture, example and default', async () => {
    const sim = await simulate(playbook, event, {
      fixtures: { intel: { output: { status: 200, body: { score: 90 } } } },
      connectors,
    });

    expect(sim.status).toBe('succeeded');
    expect(sourceOf(sim, 'intel')).toEqual(['fixture']);
    expect(sourceOf(sim, 'lookup')).toEqual(['default']);
    expect(sourceOf(sim, 'tell')).toEqual(['example']);
    expect(sourceOf(sim, 'block')).toEqual(['example']);
    expect(sim.effects.map((e) => [e.stepId, e.source])).toEqual([
      ['tell', 'example'],
      ['block', 'example'],
    ]);
  });

  it('when an http step has no fixture and no example then the notes say it was answered with an empty 200', async () => {
    const sim = await simulate(playbook, event, {
      fixtures: { intel: { output: { status: 200, body: {} } } },
      connectors,
    });

    expect(sim.notes).toEqual([
      { stepKey: 'lookup', message: 'no fixture and no example: answered with an empty 200' },
    ]);
  });

  it('when a fixture stands in for a write then the effects report says fixture', async () => {
    const sim = await simulate(playbook, event, {
      fixtures: { intel: { output: {} }, lookup: { output: {} }, block: { output: { blocked: true } } },
      connectors,
    });

    expect(sim.effects.find((e) => e.stepId === 'block')?.source).toBe('fixture');
    expect(sim.notes).toEqual([]);
  });

  it('when live reads answer a read without a fixture then the trace says live_read', async () => {
    const liveReads: EffectsPort = { perform: async () => ({ ok: true, output: { status: 200, body: { live: 1 } } }) };

    const sim = await simulate(playbook, event, { fixtures: { intel: { output: {} } }, liveReads, connectors });

    expect(sourceOf(sim, 'lookup')).toEqual(['live_read']);
    expect(sim.notes).toEqual([]);
  });

  it('when a connector version is not installed then its null answer is marked default', async () => {
    const sim = await simulate(playbook, event, { fixtures: { intel: { output: {} }, lookup: { output: {} } } });

    expect(sourceOf(sim, 'tell')).toEqual(['default']);
    expect(sourceOf(sim, 'block')).toEqual(['default']);
  });

  it('when a case passes on a made-up answer then it passes with a warning naming the step', async () => {
    const made = { ...testCase, fixtures: { intel: { output: {} } } };
    const clean = { ...testCase, fixtures: { intel: { output: {} }, lookup: { output: {} } } };

    const warned = await runCase(playbook, made, { connectors });
    const plain = await runCase(playbook, clean, { connectors });

    expect(warned.result).toMatchObject({
      passed: true,
      warnings: ['lookup: no fixture and no example: answered with an empty 200'],
    });
    expect(plain.result).toMatchObject({ passed: true, warnings: [] });
  });
});
