import { afterAll, describe, expect, it } from 'vitest';
import { INVALID_EVENT } from '../../src/services/runs/event-schema';
import { cli, CONTAINMENT, readJsonFile, tempFolder } from './harness';

const workflow = `${CONTAINMENT}/workflow.json`;
const tmp = tempFolder('cli-event');
afterAll(() => tmp.remove());

describe('cli simulate: the event against the trigger', () => {
  it('when the event lacks required fields then exit 1 with the live trigger’s message naming each field, and nothing simulated', async () => {
    const event = tmp.write('partial.json', { alert_id: 'A-1', rule: 'ssh', severity: 'high', dest_host: 'web01' });

    const run = await cli('simulate', workflow, '--event', event);

    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      `cannot simulate ${workflow}: ${INVALID_EVENT}`,
      'event.src_ip is required',
      'event.timestamp is required',
    ]);
  });

  it('when a field has the wrong format then exit 1 naming the field and the format', async () => {
    const event = tmp.write('bad-ip.json', {
      alert_id: 'A-1',
      rule: 'ssh',
      severity: 'high',
      src_ip: 'not-an-ip',
      dest_host: 'web01',
      timestamp: '2026-01-01T00:00:00Z',
    });

    const run = await cli('simulate', workflow, '--event', event);

    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      `cannot simulate ${workflow}: ${INVALID_EVENT}`,
      'event.src_ip must be an IPv4 address (e.g. 10.0.0.1)',
    ]);
  });

  it('when a stored case’s event no longer fits the trigger then exit 1 naming the field', async () => {
    const doc = readJsonFile(workflow) as { tests: Array<{ name: string; event: Record<string, unknown> }> };
    const testCase = doc.tests[0];
    if (!testCase) throw new Error('the containment example has no test case');
    delete testCase.event.src_ip;
    const file = tmp.write('workflow.json', doc);

    const run = await cli('simulate', file, '--case', testCase.name);

    expect(run.code).toBe(1);
    expect(run.err).toEqual([`cannot simulate ${file}: ${INVALID_EVENT}`, 'event.src_ip is required']);
  });
});
