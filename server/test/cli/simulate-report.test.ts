import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkflowJson, type WorkflowDocument } from '@autonomic/workflow';
import { readFileSync } from 'node:fs';
import { formatDuration, formatSimulation, wantsColor } from '../../src/cli/report';
import type { SimulationResult } from '../../src/engine';
import { runCli } from '../../src/cli/run';
import { cli, CONTAINMENT, readJsonFile, simulation, tempFolder } from './harness';

const workflow = `${CONTAINMENT}/workflow.json`;
const event = `${CONTAINMENT}/event.json`;
const eventProtected = `${CONTAINMENT}/event-protected.json`;
const fixtures = `${CONTAINMENT}/fixtures.json`;
const safety = `${CONTAINMENT}/safety.json`;
const protectedCase = 'Alert on our own egress address (protected)';
const succeedingCase = 'SSH brute force from a known-abusive hosting IP';

const tmp = tempFolder('cli-report');
afterAll(() => tmp.remove());

// eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
const ANSI = /\u001b\[/;

/*
 * start → each_ip (foreach over event.ips) ─item→ block (FortiGate block_ip, destructive) ─out→ each_ip
 *                                                                         └error→ note_refused ─out→ each_ip
 *         each_ip ─done→ finish (end, succeeded)
 * With the containment safety list: 192.0.2.45 would be blocked, 192.0.2.200 is auto-OK,
 * 203.0.113.6 is protected (refused, so its round leaves block by the error port).
 */
function blockEach(): string {
  return tmp.write('block-each.json', {
    formatVersion: 2,
    metadata: { name: 'Block each source' },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['each_ip'] } },
    steps: {
      each_ip: {
        type: 'foreach',
        label: 'For each source address',
        params: { items: 'event.ips', concurrency: 1, onItemError: 'continue', maxItems: 10 },
        transitions: { item: ['block'], done: ['finish'] },
      },
      block: {
        type: 'connector',
        label: 'Block on the FortiGate',
        params: {
          connector: 'fortigate',
          version: '1.0.0',
          action: 'block_ip',
          credential: 'fortigate-demo',
          input: { ip: '{{ item }}', group: 'soar-blocklist', comment: 'simulated' },
          effect: 'destructive',
          target: { param: 'ip', kind: 'ip' },
        },
        transitions: { out: ['each_ip'], error: ['note_refused'] },
      },
      note_refused: {
        type: 'transform',
        label: 'Remember the refusal',
        params: { expression: '{ "refused": item }' },
        transitions: { out: ['each_ip'] },
      },
      finish: {
        type: 'end',
        label: 'All handled',
        params: { status: 'succeeded', message: 'Handled {{ $count(event.ips) }} addresses.' },
      },
    },
  });
}

function parseWorkflow(): WorkflowDocument {
  const { document } = parseWorkflowJson(readFileSync(workflow, 'utf8'));
  if (!document) throw new Error(`${workflow} does not parse`);
  return document;
}

const ips = () => tmp.write('ips.json', { ips: ['192.0.2.45', '192.0.2.200', '203.0.113.6'] });

/** The stdout line that holds every fragment, in order. */
function lineWith(lines: string[], ...fragments: string[]): string | undefined {
  return lines.find((l) => {
    let from = 0;
    for (const f of fragments) {
      const at = l.indexOf(f, from);
      if (at < 0) return false;
      from = at + f.length;
    }
    return true;
  });
}

describe('cli simulate: the readable report', () => {
  it('when a for-each blocks three addresses then each round is indented under the loop, the protected one leaves by the error port and the effects say would-run, auto-ok and refused with the reason', async () => {
    const run = await cli('simulate', blockEach(), '--event', ips(), '--safety', safety);

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const out = run.out;
    expect(out[0]).toBe('Simulation of "Block each source" (nothing was sent)');
    expect(out).not.toContainEqual(expect.stringMatching(ANSI));
    // The trace, in execution order: the loop, its rounds one level in, then the end.
    const from = out.indexOf('Trace (6 step attempts)') + 1;
    const trace = out.slice(from, out.indexOf('', from));
    expect(trace.map((l) => l.match(/^ +\S+/)?.[0])).toEqual([
      '  each_ip',
      '    block[0]',
      '    block[1]',
      '    block[2]',
      '    note_refused[2]',
      '  finish',
    ]);
    expect(
      lineWith(trace, 'each_ip', 'For each source address', 'foreach', 'succeeded', '0 ms', '→ done'),
    ).toBeDefined();
    expect(lineWith(trace, 'block[0]', 'Block on the FortiGate', 'connector', 'succeeded', '→ out')).toBeDefined();
    expect(
      lineWith(trace, 'block[2]', 'connector', 'failed', '→ error', 'safety', '203.0.113.6 is protected'),
    ).toBeDefined();
    expect(lineWith(trace, 'note_refused[2]', 'Remember the refusal', 'transform', 'succeeded', '→ out')).toBeDefined();
    // The effects report: one line per destructive action with its decision.
    const effects = out.slice(out.indexOf('Effects (3)') + 1);
    expect(lineWith(effects, 'would-run', 'block[0]', 'destructive', 'FortiGate: Block an IP address 192.0.2.45')).toBe(
      effects[0],
    );
    expect(lineWith(effects, 'auto-ok', 'block[1]', 'target ip 192.0.2.200', 'Bullet-proof hosting range')).toBe(
      effects[1],
    );
    expect(
      lineWith(
        effects,
        'refused (critical)',
        'block[2]',
        'target ip 203.0.113.6',
        'reason: 203.0.113.6 is protected: Corporate internet egress (NAT pool)',
      ),
    ).toBe(effects[2]);
    expect(out.slice(-2)).toEqual([
      'Result: succeeded after 0 ms of simulated time',
      '  message: Handled 3 addresses.',
    ]);
  });

  it("when the trace says where a step's output came from then its line shows it, and says nothing when it does not", () => {
    const attempt = { runId: 'simulation', nodeType: 'connector', attempt: 1, status: 'succeeded', startedAt: 0 };
    const result = {
      runId: 'simulation',
      status: 'succeeded',
      path: ['enrich_ip', 'notify_blocked', 'check_confidence'],
      trace: [
        { ...attempt, stepId: 'enrich_ip', stepKey: 'enrich_ip', finishedAt: 0, port: 'out', source: 'fixture' },
        {
          ...attempt,
          stepId: 'notify_blocked',
          stepKey: 'notify_blocked',
          finishedAt: 1_500,
          port: 'out',
          source: 'example',
        },
        { ...attempt, nodeType: 'condition', stepId: 'check_confidence', stepKey: 'check_confidence', port: 'true' },
      ],
      effects: [],
      notes: [],
      startedAt: 0,
      finishedAt: 1_500,
      durationMs: 1_500,
    } as unknown as SimulationResult;

    const lines = formatSimulation(result, parseWorkflow(), false);

    expect(lineWith(lines, 'enrich_ip', 'Check IP reputation (AbuseIPDB)', '0 ms', '→ out', '[fixture]')).toBeDefined();
    expect(lineWith(lines, 'notify_blocked', 'Report the block', '1.5 s', '→ out', '[example]')).toBeDefined();
    // Still running (no finishedAt) and no source: a dash for the duration, no brackets.
    const check = lineWith(lines, 'check_confidence', 'condition', 'succeeded', '-', '→ true');
    expect(check).toBeDefined();
    expect(check).not.toContain('[');
    expect(lines).toContain('  none: no write or destructive action was reached');
  });

  it('when the approval times out then the step shows its simulated hour and the result its message', async () => {
    const run = await cli('simulate', workflow, '--event', event, '--fixtures', fixtures, '--approvals', 'timeout');

    expect(run.code).toBe(1);
    expect(lineWith(run.out, 'approve_block', 'approval', 'succeeded', '1 h', '→ timeout')).toBeDefined();
    expect(run.out.slice(-2)).toEqual([
      'Result: failed after 1 h of simulated time',
      '  message: Approval to block 192.0.2.45 timed out.',
    ]);
  });

  it('when stdout is a terminal then the decisions and statuses are coloured, and --json never is', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: () => {}, color: true };
    const argv = ['simulate', blockEach(), '--event', ips(), '--safety', safety];

    expect(await runCli(argv, io)).toBe(0);
    expect(lineWith(lines, '\u001b[31mrefused (critical)', 'block[2]')).toBeDefined();
    expect(lineWith(lines, '\u001b[32mauto-ok', 'block[1]')).toBeDefined();

    lines.length = 0;
    expect(await runCli([...argv, '--json'], io)).toBe(0);
    expect(lines.join('\n')).not.toMatch(ANSI);
  });

  it('when deciding on colours then only a terminal without NO_COLOR gets them', () => {
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
  });

  it('when durations are shown then they read in the largest sensible unit', () => {
    expect([0, 999, 1_500, 90_000, 3_600_000, 5_400_000, 172_800_000].map(formatDuration)).toEqual([
      '0 ms',
      '999 ms',
      '1.5 s',
      '1.5 min',
      '1 h',
      '1.5 h',
      '2 d',
    ]);
  });
});

describe('cli simulate --json', () => {
  it('when --json is given then stdout is the raw result with the same fields as before', async () => {
    const run = await cli(
      'simulate',
      workflow,
      '--event',
      eventProtected,
      '--fixtures',
      fixtures,
      '--safety',
      safety,
      '--json',
    );

    const sim = simulation(run);
    expect(Object.keys(sim).sort()).toEqual(
      [
        'durationMs',
        'effects',
        'finishedAt',
        'message',
        'notes',
        'path',
        'runId',
        'startedAt',
        'status',
        'trace',
      ].sort(),
    );
    expect(sim).toMatchObject({
      runId: 'simulation',
      status: 'failed',
      message: 'Block of 203.0.113.6 failed or was refused.',
    });
    expect(sim.effects.map((e) => [e.stepId, e.decision])).toEqual([
      ['block_ip', 'refused'],
      ['notify_block_failed', 'would-run'],
    ]);
  });

  it('when --json is given with --case then the case, its assertions and failures lead the raw result', async () => {
    const run = await cli('simulate', workflow, '--case', protectedCase, '--safety', safety, '--json');

    expect(run.code).toBe(0);
    const json = JSON.parse(run.out.join('\n')) as { assertions: Array<{ passed: boolean }> };
    expect(json).toMatchObject({ case: protectedCase, failures: [], status: 'failed' });
    expect(json.assertions.length).toBeGreaterThan(0);
    expect(json.assertions.every((a) => a.passed)).toBe(true);
  });
});

describe('cli simulate exit codes', () => {
  it('when the run ends failed then it exits 1 saying what was expected, after the full report', async () => {
    const run = await cli('simulate', workflow, '--event', eventProtected, '--fixtures', fixtures, '--safety', safety);

    expect(run.code).toBe(1);
    expect(run.err).toEqual(['expected status succeeded, got failed']);
    expect(run.out).toContain('Result: failed after 0 ms of simulated time');
  });

  it('when the run ends failed and --expect-failure is given then it exits 0', async () => {
    const run = await cli(
      'simulate',
      workflow,
      '--event',
      eventProtected,
      '--fixtures',
      fixtures,
      '--safety',
      safety,
      '--expect-failure',
    );

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('when the run succeeds and --expect-failure is given then it exits 1', async () => {
    const run = await cli('simulate', workflow, '--event', event, '--fixtures', fixtures, '--expect-failure');

    expect(run.code).toBe(1);
    expect(run.err).toEqual(['expected status failed, got succeeded']);
  });

  it('when a case expects the failure then it exits 0 with or without --expect-failure', async () => {
    const plain = await cli('simulate', workflow, '--case', protectedCase, '--safety', safety);
    const flagged = await cli('simulate', workflow, '--case', protectedCase, '--safety', safety, '--expect-failure');

    expect([plain.code, plain.err]).toEqual([0, []]);
    expect([flagged.code, flagged.err]).toEqual([0, []]);
    expect(plain.out).toContain('Result: failed after 0 ms of simulated time');
  });

  it('when a case states no status then its other assertions decide, and --expect-failure adds status failed', async () => {
    const doc = readJsonFile(workflow) as { tests: { name: string; event: unknown; expect: unknown }[] };
    const reachesBlock = { reached: ['block_ip'] };
    const loose = tmp.write('no-status.json', {
      ...doc,
      tests: doc.tests.map((c) => ({ ...c, expect: reachesBlock })),
    });

    const plain = await cli('simulate', loose, '--case', succeedingCase, '--safety', safety);
    const flagged = await cli('simulate', loose, '--case', succeedingCase, '--safety', safety, '--expect-failure');
    const refusedBlock = await cli('simulate', loose, '--case', protectedCase, '--safety', safety, '--expect-failure');

    expect([plain.code, plain.err]).toEqual([0, []]);
    expect(flagged.code).toBe(1);
    expect(flagged.err).toEqual([`case "${succeedingCase}": status is failed: got succeeded`]);
    expect([refusedBlock.code, refusedBlock.err]).toEqual([0, []]);
  });

  it.each([
    ['--json with a value', ['--event', event, '--json=yes'], "Option '--json' does not take an argument"],
    ['a misspelt --expect-failure', ['--event', event, '--expect-fail'], "Unknown option '--expect-fail'"],
    [
      '--expect-failure on a case that expects success',
      ['--case', succeedingCase, '--expect-failure'],
      `--expect-failure contradicts case "${succeedingCase}", which expects status succeeded`,
    ],
  ])('when given %s then it exits 2 with the reason and the usage', async (_, flags, reason) => {
    const run = await cli('simulate', workflow, ...flags);

    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toContain(reason);
    expect(run.err).toContain('usage:');
  });

  it('when asked for help then the simulate flags and exit codes are documented', async () => {
    const run = await cli('help');

    expect(run.code).toBe(0);
    for (const flag of [
      '--json',
      '--expect-failure',
      '--case <name>',
      'simulate exit codes:',
      'test exit codes:',
      '--junit',
    ]) {
      expect(run.out.join('\n')).toContain(flag);
    }
  });
});
