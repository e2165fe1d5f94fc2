import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  brokenFiles,
  cli,
  CONTAINMENT,
  example,
  exampleFolders,
  readJsonFile,
  ROOT,
  STACK_FRAME,
  tempFolder,
  type CliRun,
} from './harness';

const tmp = tempFolder('cli');
afterAll(() => tmp.remove());

const workflow = `${CONTAINMENT}/workflow.json`;
const event = `${CONTAINMENT}/event.json`;

/** Exit 1 with exactly one line of output, which says `fragment`, and no stack frame. */
function expectOneLineFailure(run: CliRun, fragment: string): void {
  const lines = [...run.out, ...run.err];
  expect(run.code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(fragment);
  expect(lines.join('\n')).not.toMatch(STACK_FRAME);
}

describe('cli validate', () => {
  it.each(exampleFolders())('when the %s example is validated then it exits 0 with one ok line', async (name) => {
    const doc = z
      .object({ metadata: z.object({ name: z.string() }), steps: z.record(z.string(), z.unknown()) })
      .parse(readJsonFile(example(name, 'workflow.json')));

    const run = await cli('validate', example(name, 'workflow.json'));

    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out).toHaveLength(1);
    const steps = Object.keys(doc.steps).length;
    expect(run.out[0]).toMatch(new RegExp(`^ok ${doc.metadata.name}: ${steps} steps, sha256 [0-9a-f]{64}$`));
  });

  // One row per file in examples/broken, as examples/README.md describes it.
  const broken: Record<string, { nodeId: string; path: string; says: string }> = {
    'dangling-transition.json': {
      nodeId: 'enrich_ip',
      path: 'transitions.error.0',
      says: 'port "error" leads to missing step "notify_oncall"',
    },
    'non-upstream-reference.json': {
      nodeId: 'notify_low',
      path: 'params.input.message',
      says: 'open_ticket which is not upstream',
    },
    'approval-without-approvers.json': {
      nodeId: 'approve_block',
      path: 'params.approvers',
      says: 'name at least one user or role',
    },
    'unknown-node-type.json': { nodeId: 'run_script', path: 'type', says: '"run-script" is not a node type' },
  };

  it('when examples/broken is listed then every file has its expected problem below', () => {
    expect(brokenFiles()).toEqual(Object.keys(broken).sort());
  });

  it.each(Object.entries(broken))(
    'when broken/%s is validated then it exits 1 with its one problem line',
    async (file, { nodeId, path, says }) => {
      const run = await cli('validate', example('broken', file));

      expect(run.code).toBe(1);
      expect(run.err).toEqual([]);
      expect(run.out).toHaveLength(1);
      expect(run.out[0]?.startsWith(`${nodeId} ${path}: `)).toBe(true);
      expect(run.out[0]).toContain(says);
    },
  );
});

describe('cli validate warnings', () => {
  it('when an http write declares no target in a workflow that blocks then the ok line is followed by a warning naming the step, and the exit is 0', async () => {
    // block_ip ─out→ push_rule (http POST, no target) ─out→ notify_blocked
    const doc = z
      .object({ steps: z.record(z.string(), z.record(z.string(), z.unknown())) })
      .loose()
      .parse(readJsonFile(workflow));
    const block = doc.steps['block_ip'];
    if (!block) throw new Error('the containment example has no block_ip');
    block['transitions'] = { ...(block['transitions'] as object), out: ['push_rule'] };
    doc.steps['push_rule'] = {
      type: 'http',
      label: 'Push deny rule',
      params: { method: 'POST', url: 'https://fw.example/rules', body: '{{ event.src_ip }}' },
      transitions: { out: ['notify_blocked'] },
    };
    const file = tmp.write('untargeted-write.json', doc);

    const run = await cli('validate', file);

    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(2);
    expect(run.out[0]).toMatch(/^ok Malicious IP containment: /);
    expect(run.out[1]).toBe(
      'warning push_rule params.target: http write "Push deny rule" (push_rule) has no declared target in a workflow with destructive steps: declare what it acts on so the protected list can guard it',
    );
  });
});

describe('cli validate with several files', () => {
  it('when a valid and a broken file are validated together then the ok line, the problem prefixed with its file, and exit 1', async () => {
    const broken = example('broken', 'dangling-transition.json');

    const run = await cli('validate', workflow, broken);

    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out).toHaveLength(2);
    expect(run.out[0]).toMatch(/^ok Malicious IP containment: \d+ steps, sha256 [0-9a-f]{64}$/);
    expect(run.out[1]).toBe(
      `${broken}: enrich_ip transitions.error.0: port "error" leads to missing step "notify_oncall"`,
    );
  });
});

describe('cli usage errors', () => {
  it.each([
    ['no command', [], 'no command given'],
    ['an unknown command', ['lint', workflow], 'unknown command "lint"'],
    ['validate without a file', ['validate'], 'expected one or more file arguments, got 0'],
    ['test without a file', ['test', '--junit', 'out.xml'], 'expected one or more file arguments, got 0'],
    ['diff with one file', ['diff', workflow], 'expected 2 file arguments, got 1'],
    ['an unknown flag', ['validate', '--strict', workflow], "Unknown option '--strict'"],
    ['simulate without --event', ['simulate', workflow], 'simulate needs --event'],
    ['--event without a value', ['simulate', workflow, '--event'], "'--event <value>' argument missing"],
    [
      'a bad --approvals',
      ['simulate', workflow, '--event', event, '--approvals', 'maybe'],
      '--approvals must be one of approved, rejected, timeout',
    ],
  ])('when given %s then it exits 2 with the reason and the usage on stderr', async (_, argv, reason) => {
    const run = await cli(...argv);

    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toContain(reason);
    expect(run.err).toContain('usage:');
  });

  it('when asked for help then it exits 0 with the usage on stdout', async () => {
    const run = await cli('--help');

    expect(run.code).toBe(0);
    expect(run.out[0]).toBe('usage:');
    expect(run.err).toEqual([]);
  });
});

describe('cli bad input', () => {
  // YAML by mistake: JSON.parse quotes it back, line breaks and all.
  const notJson = tmp.write('not-json.json', 'tasks:\n  - block\n');
  const deep = tmp.write('deep.json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  const big = tmp.write('big.json', JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024 + 1) }));
  const folder = tmp.path('a-folder.json');
  mkdirSync(folder);

  it.each([
    ['a workflow that is not JSON', ['validate', notJson], 'workflow .: not JSON:'],
    ['a workflow file that does not exist', ['validate', tmp.path('missing.json')], 'missing.json: no such file'],
    ['a directory for a workflow', ['validate', folder], 'a-folder.json: not a file'],
    ['a workflow over 5 MB', ['validate', big], 'is over the 5242880-byte limit'],
    ['a workflow nested 10,000 deep', ['validate', deep], 'nested deeper than 64 levels'],
    ['an event that does not exist', ['simulate', workflow, '--event', tmp.path('none.json')], 'no such file'],
    ['an event over 5 MB', ['simulate', workflow, '--event', big], 'is over the 5242880-byte limit'],
    ['an event nested 10,000 deep', ['simulate', workflow, '--event', deep], 'nested deeper than 64 levels'],
    ['a diff side that does not exist', ['diff', workflow, tmp.path('gone.json')], 'gone.json: no such file'],
  ])('when given %s then it exits 1 with one clear line', async (_, argv, says) => {
    const run = await cli(...argv);

    expectOneLineFailure(run, says);
  });

  it('when the event is not JSON then the line names the file and says why', async () => {
    const run = await cli('simulate', workflow, '--event', notJson);

    expectOneLineFailure(run, `event ${notJson}: not valid JSON (`);
  });

  it('when the fixtures are an array then it exits 1 naming the fixtures file and what was expected', async () => {
    const fixtures = tmp.write('fixtures-array.json', [{ enrich_ip: {} }]);

    const run = await cli('simulate', workflow, '--event', event, '--fixtures', fixtures);

    expectOneLineFailure(run, `fixtures ${fixtures}: `);
    expect(run.err[0]).toContain('expected record, received array');
  });

  it('when a safety entry has the wrong kind then it exits 1 naming the field', async () => {
    const safety = tmp.write('safety-bad-kind.json', {
      protected: [{ kind: 'subnet', value: '10.0.0.0/8', criticality: 'high', reason: 'internal' }],
      autoOk: [],
    });

    const run = await cli('simulate', workflow, '--event', event, '--safety', safety);

    expectOneLineFailure(run, `safety list ${safety}: `);
    expect(run.err[0]).toMatch(/at protected\.0\.kind$/);
  });

  it('when the workflow to simulate is invalid then it exits 1 with its problem lines and no trace', async () => {
    const run = await cli('simulate', example('broken', 'unknown-node-type.json'), '--event', event);

    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      `workflow ${example('broken', 'unknown-node-type.json')} is invalid:`,
      'run_script type: "run-script" is not a node type',
    ]);
  });
});

describe('cli as a process', () => {
  /** `npx tsx server/src/cli/main.ts …` from the repository root. */
  function npmRunCli(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('npx', ['tsx', 'server/src/cli/main.ts', ...argv], { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('when run for real then exit codes, stdout and stderr are as specified, with no stack trace', async () => {
    const [ok, broken, usage, deepEvent] = await Promise.all([
      npmRunCli('validate', 'examples/malicious-ip-containment/workflow.json'),
      npmRunCli('validate', 'examples/broken/dangling-transition.json'),
      npmRunCli(),
      npmRunCli(
        'simulate',
        workflow,
        '--event',
        tmp.write('deep-event.json', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
      ),
    ]);

    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(/^ok Malicious IP containment: 12 steps, sha256 [0-9a-f]{64}\n$/);
    expect(broken).toMatchObject({
      code: 1,
      stdout: 'enrich_ip transitions.error.0: port "error" leads to missing step "notify_oncall"\n',
      stderr: '',
    });
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toMatch(/^no command given\nusage:\n/);
    expect(deepEvent).toMatchObject({ code: 1, stdout: '' });
    expect(deepEvent.stderr).toMatch(/^event .*deep-event\.json: nested deeper than 64 levels\n$/);
    for (const r of [ok, broken, usage, deepEvent]) expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
    // Four CLI processes start through npx and tsx: a loaded machine needs longer than the default.
  }, 120_000);

  it('when a simulation that ends failed is piped then the readable report has no colour codes and the process exits 1', async () => {
    const run = await npmRunCli(
      'simulate',
      workflow,
      '--event',
      `${CONTAINMENT}/event-protected.json`,
      '--safety',
      `${CONTAINMENT}/safety.json`,
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('expected status succeeded, got failed\n');
    expect(run.stdout).toMatch(/^Simulation of "Malicious IP containment" \(nothing was sent\)\n/);
    expect(run.stdout).toMatch(
      /\n {2}refused \(critical\) +block_ip +destructive +FortiGate: Block an IP address 203\.0\.113\.6 /,
    );
    expect(run.stdout).toContain('\nResult: failed after 0 ms of simulated time\n');
    expect(run.stdout).not.toContain('\u001b[');
  }, 60_000);

  it('when a simulated expression doubles a string past any heap then the CLI exits 1 with one line naming the step, never a native crash', async () => {
    const bomb = tmp.write('bomb.json', {
      formatVersion: 1,
      metadata: { name: 'bomb' },
      trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['x'] } },
      steps: {
        x: {
          type: 'transform',
          params: { expression: '$length($reduce([1..28], function($a, $x) { $a & $a }, "x"))' },
          transitions: { out: ['done'] },
        },
        done: { type: 'end', params: { status: 'succeeded', message: 'ok' }, transitions: {} },
      },
    });

    const run = await npmRunCli('simulate', bomb, '--event', tmp.write('empty.json', {}), '--json');

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      // The heap cap or, on a slow machine, the time limit stops it first: either way the sandbox did.
      /^simulation stopped at step x: expression (needed more than the 256 MB memory limit|ran longer than 1000 ms) .*\n$/,
    );
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'failed', error: { kind: 'expression', stepId: 'x' } });
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
  }, 60_000);
});
