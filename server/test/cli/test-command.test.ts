import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTestRun, type FileReport } from '../../src/cli/test-report';
import { cli, example, readJsonFile, STACK_FRAME, tempFolder } from './harness';
import { childrenNamed, descendants, parseXml } from './xml';

/*
 * The fixture playbook (fixtures/lookup-and-block.json), 5 edges:
 *   alert ─out→ lookup (AbuseIPDB read) ─out→ decide ─true→ block (FortiGate, destructive)
 *                 │                               └false→ no_action (end)
 *                 └error→ tell_lookup_failed (Slack)
 * Its cases: a high score blocks; a 503 from AbuseIPDB follows the error port; a protected
 * address is refused. None takes the false branch, so one edge stays uncovered.
 */
const fixture = fileURLToPath(new URL('./fixtures/lookup-and-block.json', import.meta.url));
const HIGH = 'A high score blocks the address';
const OUTAGE = 'AbuseIPDB answers 503: the error port tells the SOC';
const PROTECTED = 'A protected address is refused';

interface Doc {
  formatVersion: number;
  tests: Array<{ name: string; expect: Record<string, unknown> } & Record<string, unknown>>;
}
const doc = () => readJsonFile(fixture) as Doc;

const tmp = tempFolder('cli-test');
afterAll(() => tmp.remove());

/** The fixture with its cases changed. */
function withCases(name: string, edit: (tests: Doc['tests']) => Doc['tests']): string {
  const d = doc();
  return tmp.write(name, { ...d, tests: edit(d.tests) });
}

describe('cli test: a passing playbook', () => {
  it('when every case passes then exit 0 with one line per case, the coverage and the verdict', async () => {
    const run = await cli('test', fixture);

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      `✓ Lookup and block (${fixture}): 3 cases, all passed`,
      `  ✓ ${HIGH}  succeeded`,
      `  ✓ ${OUTAGE}  succeeded`,
      `  ✓ ${PROTECTED}  failed`,
      '  Coverage: edges 4/5 (80 %)',
      `    destructive block "Block the IP on the FortiGate": reached by "${HIGH}", "${PROTECTED}", refused by "${PROTECTED}"`,
      `    error port of lookup "Check the IP on AbuseIPDB": covered by "${OUTAGE}"`,
      '    uncovered edges (1):',
      '      decide.false → no_action',
      '',
      'PASSED 1 file, 3 cases: 3 passed, 0 failed',
    ]);
  });

  it('when a case injects a 503 on the lookup then the run follows the error port, the case passes and --json shows it', async () => {
    const file = withCases('outage-only.json', (tests) => tests.filter((t) => t.name === OUTAGE));

    const run = await cli('test', file, '--json');

    expect(run.code).toBe(0);
    const json = JSON.parse(run.out.join('\n')) as {
      passed: boolean;
      files: Array<{
        passed: boolean;
        cases: Array<{ name: string; passed: boolean; path: string[]; assertions: unknown[]; effects: unknown[] }>;
        coverage: { errorPorts: Array<{ stepId: string; cases: string[] }>; covered: number; total: number };
      }>;
    };
    expect(json.passed).toBe(true);
    const [report] = json.files;
    expect(report?.cases.map((c) => [c.name, c.passed, c.path])).toEqual([
      [OUTAGE, true, ['lookup', 'tell_lookup_failed']],
    ]);
    expect(report?.cases[0]?.assertions).toHaveLength(4);
    expect(report?.coverage.errorPorts).toEqual([expect.objectContaining({ stepId: 'lookup', cases: [OUTAGE] })]);
    expect([report?.coverage.covered, report?.coverage.total]).toEqual([2, 5]);
  });

  it('when the lookup’s error port is not wired then the same 503 fails the case and no error port is listed', async () => {
    const d = doc();
    const lookup = (d as unknown as { steps: Record<string, { transitions: Record<string, string[]> }> }).steps.lookup;
    if (!lookup) throw new Error('the fixture has no lookup step');
    lookup.transitions = { out: ['decide'] };
    const steps = (d as unknown as { steps: Record<string, unknown> }).steps;
    delete steps.tell_lookup_failed;
    const file = tmp.write('unwired.json', {
      ...d,
      tests: d.tests
        .filter((t) => t.name === OUTAGE)
        .map((t) => ({ ...t, expect: { status: 'succeeded', notReached: ['block'] } })),
    });

    const run = await cli('test', file);

    expect(run.code).toBe(1);
    expect(run.out).toContain(`  ✗ ${OUTAGE}  failed`);
    expect(run.out).toContain('      status is succeeded: got failed');
    expect(run.out.some((l) => l.includes('error port of'))).toBe(false);
  });

  it('when a playbook still in format 2 carries samples then they run as cases', async () => {
    const d = doc();
    const { tests, ...rest } = d;
    const high = tests.find((t) => t.name === HIGH);
    const v2 = tmp.write('format-2.json', {
      ...rest,
      formatVersion: 2,
      samples: [
        {
          name: 'v2 sample',
          event: high?.event,
          fixtures: { lookup: { data: { abuseConfidenceScore: 97 } } },
          expect: { path: ['lookup', 'decide', 'block'] },
        },
      ],
    });

    const run = await cli('test', v2);

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('  ✓ v2 sample  succeeded');
  });
});

describe('cli test: failures', () => {
  it('when a case expects the wrong status then exit 1, its first failure printed, and the JUnit report holds one failure', async () => {
    const file = withCases('wrong-status.json', (tests) =>
      tests.map((t) => (t.name === HIGH ? { ...t, expect: { ...t.expect, status: 'failed' } } : t)),
    );
    const junit = tmp.path('wrong-status.xml');

    const run = await cli('test', file, '--junit', junit);

    expect(run.code).toBe(1);
    expect(run.out[0]).toBe(`✗ Lookup and block (${file}): 3 cases, 1 failed`);
    expect(run.out.slice(1, 3)).toEqual([`  ✗ ${HIGH}  succeeded`, '      status is failed: got succeeded']);
    expect(run.out.at(-1)).toBe('FAILED 1 file, 3 cases: 2 passed, 1 failed');

    const root = parseXml(readFileSync(junit, 'utf8'));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '3', failures: '1', errors: '0' });
    const [suite, ...others] = childrenNamed(root, 'testsuite');
    expect(others).toEqual([]);
    expect(suite?.attributes).toMatchObject({ name: 'Lookup and block', file, tests: '3', failures: '1' });
    const cases = childrenNamed(suite!, 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual([HIGH, OUTAGE, PROTECTED]);
    expect(
      cases.every((c) => c.attributes.classname === 'Lookup and block' && /^\d+\.\d{3}$/.test(c.attributes.time ?? '')),
    ).toBe(true);
    const failures = descendants(root, 'failure');
    expect(failures).toHaveLength(1);
    expect(childrenNamed(cases[0]!, 'failure')).toEqual(failures);
    expect(failures[0]?.attributes.message).toBe('status is failed: got succeeded');
    expect(failures[0]?.text).toBe('status is failed: got succeeded');
    const props = Object.fromEntries(
      descendants(suite!, 'property').map((p) => [p.attributes.name, p.attributes.value]),
    );
    expect(props).toMatchObject({
      'coverage.edges': '4/5',
      'coverage.percent': '80',
      'coverage.destructive.block': `reached by "${HIGH}", "${PROTECTED}", refused by "${PROTECTED}"`,
      'coverage.error-port.lookup': `covered by "${OUTAGE}"`,
      'coverage.uncovered-edges': 'decide.false → no_action',
    });
  });

  it('when two assertions of a case fail then the summary shows the first and the JUnit failure lists both', async () => {
    const file = withCases('two-wrong.json', (tests) =>
      tests
        .filter((t) => t.name === HIGH)
        .map((t) => ({ ...t, expect: { status: 'failed', reached: ['no_action'], notReached: ['lookup'] } })),
    );
    const junit = tmp.path('two-wrong.xml');

    const run = await cli('test', file, '--junit', junit);

    expect(run.code).toBe(1);
    expect(run.out.slice(1, 3)).toEqual([`  ✗ ${HIGH}  succeeded`, '      status is failed: got succeeded']);
    const [failure] = descendants(parseXml(readFileSync(junit, 'utf8')), 'failure');
    expect(failure?.attributes.message).toBe('status is failed: got succeeded');
    const lines = failure?.text.split('\n') ?? [];
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('status is failed: got succeeded');
    expect(lines[1]).toMatch(/^reaches no_action: /);
    expect(lines[2]).toBe('does not reach lookup: reached once');
  });

  it('when a document has no test cases then exit 1 saying so, in the summary and in JUnit', async () => {
    const file = withCases('no-cases.json', () => []);
    const junit = tmp.path('no-cases.xml');

    const run = await cli('test', file, '--junit', junit);

    expect(run.code).toBe(1);
    expect(run.out[0]).toBe(`✗ Lookup and block (${file}): no test cases`);
    expect(run.out.at(-1)).toBe('FAILED 1 file, 0 cases: 0 passed, 0 failed; 1 file not run');
    const root = parseXml(readFileSync(junit, 'utf8'));
    expect(root.attributes).toMatchObject({ tests: '1', failures: '1' });
    expect(descendants(root, 'testcase').map((c) => c.attributes.name)).toEqual(['no test cases']);
    expect(descendants(root, 'failure')).toHaveLength(1);
  });

  it('when a document has problems then exit 1 listing them as validate does, and nothing runs', async () => {
    const broken = example('broken', 'dangling-transition.json');

    const run = await cli('test', fixture, broken);

    expect(run.code).toBe(1);
    const at = run.out.indexOf(`✗ ${broken}: invalid: 1 problem`);
    expect(at).toBeGreaterThan(0);
    expect(run.out[at + 1]).toBe('enrich_ip transitions.error.0: port "error" leads to missing step "notify_oncall"');
    // The valid file still ran and passed: one report for both.
    expect(run.out[0]).toBe(`✓ Lookup and block (${fixture}): 3 cases, all passed`);
    expect(run.out.at(-1)).toBe('FAILED 2 files, 3 cases: 3 passed, 0 failed; 1 file not run');
  });

  it('when a case’s event does not fit the trigger then that case fails unrun, naming the field', async () => {
    const file = withCases('bad-event.json', (tests) =>
      tests.map((t) => (t.name === HIGH ? { ...t, event: { ip: 'not-an-ip' } } : t)),
    );

    const run = await cli('test', file);

    expect(run.code).toBe(1);
    expect(run.out.slice(1, 3)).toEqual([
      `  ✗ ${HIGH}  not run`,
      `      the event does not fit the trigger's input schema: event.ip must be an IPv4 address (e.g. 10.0.0.1)`,
    ]);
  });

  it('when a file does not exist then exit 1 with one line for it, and the other files still run', async () => {
    const missing = tmp.path('missing.json');

    const run = await cli('test', missing, fixture);

    expect(run.code).toBe(1);
    expect(run.out.slice(0, 2)).toEqual([`✗ ${missing}: cannot be read`, `workflow ${missing}: no such file`]);
    expect(run.out).toContain(`✓ Lookup and block (${fixture}): 3 cases, all passed`);
    expect([...run.out, ...run.err].join('\n')).not.toMatch(STACK_FRAME);
  });
});

describe('cli test: colours', () => {
  // eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
  const ANSI = /\u001b\[[0-9;]*m/g;
  const report: FileReport = {
    file: 'p.json',
    workflow: 'P',
    cases: [
      { name: 'ok', passed: true, assertions: [], warnings: [], path: [], effects: [], durationMs: 0 },
      {
        name: 'bad',
        passed: false,
        firstFailure: 'status is failed: got succeeded',
        assertions: [],
        warnings: ['w'],
        path: [],
        effects: [],
        durationMs: 0,
      },
    ],
    wallMs: 1,
  };

  it('when stdout is a terminal then marks, the failure, warnings and the verdict are coloured, and the text is the same without', () => {
    const coloured = formatTestRun([report], true);
    const plain = formatTestRun([report], false);

    expect(plain.join('\n')).not.toMatch(ANSI);
    expect(coloured.map((l) => l.replace(ANSI, ''))).toEqual(plain);
    expect(coloured.find((l) => l.includes('bad'))).toContain('\u001b[31m✗');
    expect(coloured.find((l) => l.includes('ok'))).toContain('\u001b[32m✓');
    expect(coloured.find((l) => l.includes('warning: w'))).toContain('\u001b[33m');
    expect(coloured.at(-1)).toBe('\u001b[31mFAILED 1 file, 2 cases: 1 passed, 1 failed\u001b[0m');
  });
});

describe('cli test: usage', () => {
  it.each([
    ['no file', ['test'], 'expected one or more file arguments, got 0'],
    ['an unknown flag', ['test', fixture, '--xml', 'out.xml'], "Unknown option '--xml'"],
    ['--junit without a path', ['test', fixture, '--junit'], "'--junit <value>' argument missing"],
  ])('when given %s then exit 2 with the reason and the usage, and nothing runs', async (_, argv, reason) => {
    const run = await cli(...argv);

    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toContain(reason);
    expect(run.err).toContain('usage:');
  });

  it('when the JUnit file cannot be written then exit 1 naming it', async () => {
    const run = await cli('test', fixture, '--junit', tmp.path('no-such-folder/out.xml'));

    expect(run.code).toBe(1);
    expect(run.err).toEqual([`junit ${tmp.path('no-such-folder/out.xml')}: cannot be written (ENOENT)`]);
  });
});

describe('cli test: JUnit escaping', () => {
  it('when names and failures hold <, &, quotes, ]]> and a control character then the report still parses and says them', async () => {
    const tricky = `Block <script> & "quoted" 'it' ]]> \u0001 done`;
    const file = withCases('tricky.json', (tests) =>
      tests
        .filter((t) => t.name === HIGH)
        .map((t) => ({
          ...t,
          name: tricky,
          expect: { outputs: [{ step: 'lookup', matches: 'data.abuseConfidenceScore < 50 and "&" = "&"' }] },
        })),
    );
    const d = readJsonFile(file) as { metadata: { name: string } };
    d.metadata.name = 'Triage <&"> playbook';
    tmp.write('tricky.json', d);
    const junit = tmp.path('tricky.xml');

    const run = await cli('test', file, '--junit', junit);

    expect(run.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    const root = parseXml(xml);
    const [suite] = childrenNamed(root, 'testsuite');
    expect(suite?.attributes.name).toBe('Triage <&"> playbook');
    const [testcase] = descendants(root, 'testcase');
    // XML 1.0 cannot hold U+0001 even escaped: it becomes U+FFFD, the rest is kept as written.
    const shown = tricky.replace('\u0001', '\uFFFD');
    expect(testcase?.attributes.name).toBe(shown);
    expect(testcase?.attributes.classname).toBe('Triage <&"> playbook');
    const [failure] = descendants(root, 'failure');
    expect(failure?.attributes.message).toContain('data.abuseConfidenceScore < 50 and "&" = "&"');
    expect(failure?.text).toContain('data.abuseConfidenceScore < 50 and "&" = "&"');
    expect(xml).not.toContain('\u0001');
  });
});
