import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cli, ROOT, tempFolder } from './harness';
import { parseXml } from './xml';

/**
 * The GitHub Actions example (docs/ci/github-actions.yml) and the README's copy of it:
 * it parses, it is not an active workflow of this repository, and its CLI lines are
 * commands the CLI has, which pass when pointed at a real playbook.
 */
const EXAMPLE = join(ROOT, 'docs/ci/github-actions.yml');
const CONTAINMENT_PLAYBOOK = 'examples/malicious-ip-containment/workflow.json';

const Step = z.object({
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
const Workflow = z.object({
  name: z.string(),
  on: z.object({ pull_request: z.unknown() }).passthrough(),
  jobs: z.record(z.string(), z.object({ 'runs-on': z.string(), steps: z.array(Step) })),
});

const text = readFileSync(EXAMPLE, 'utf8');
const workflow = Workflow.parse(yaml.load(text));
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const cliLines = steps.flatMap((s) => (s.run?.startsWith('npm run cli -- ') ? [s.run] : []));

const tmp = tempFolder('cli-ci');
afterAll(() => tmp.remove());

describe('the GitHub Actions example', () => {
  it('when parsed then it runs on every pull request: checkout, Node 20, npm ci, validate, test with JUnit, the report kept', () => {
    expect(workflow.on.pull_request).toBeNull();
    expect(steps.map((s) => s.uses?.split('@')[0] ?? s.run)).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'npm ci',
      'npm run cli -- validate playbooks/*.json',
      'npm run cli -- test playbooks/*.json --junit results.xml',
      'dorny/test-reporter',
      'actions/upload-artifact',
    ]);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    const report = steps.find((s) => s.uses?.startsWith('dorny/test-reporter@'));
    expect(report?.with).toMatchObject({ path: 'results.xml', reporter: 'java-junit' });
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.path).toBe('results.xml');
    // A failed test step must still publish its report.
    expect(report?.if).toBe('${{ !cancelled() }}');
  });

  it('when its CLI lines run on a real playbook then they are commands the CLI has and they pass', async () => {
    expect(cliLines).toHaveLength(2);
    const results = tmp.path('results.xml');
    for (const line of cliLines) {
      const argv = line
        .slice('npm run cli -- '.length)
        .split(' ')
        .map((arg) => (arg === 'playbooks/*.json' ? join(ROOT, CONTAINMENT_PLAYBOOK) : arg))
        .map((arg) => (arg === 'results.xml' ? results : arg));

      const run = await cli(...argv);

      expect({ line, code: run.code, err: run.err }).toEqual({ line, code: 0, err: [] });
    }
    expect(parseXml(readFileSync(results, 'utf8')).name).toBe('testsuites');
  });

  it('when the README shows the example then it is the same YAML, and no active workflow runs it here', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

    expect(readme).toContain(['```yaml', text.trimEnd(), '```'].join('\n'));
    expect(readme).toContain('docs/ci/github-actions.yml');
    expect(existsSync(join(ROOT, '.github/workflows/playbooks.yml'))).toBe(false);
  });
});
