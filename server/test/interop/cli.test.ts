/**
 * `npm run cli -- import-cacao <file>` and `export-cacao <workflow> <version> [out]`
 * against the whole server over real HTTP (issue 17 §3, §4).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacaoSchemaErrors } from '../../src/services/interop/cacao-schema';
import { cli } from '../cli/harness';
import { replayServer, type ReplayServer } from '../replays/support';

const EXAMPLES = fileURLToPath(new URL('../../../third_party/cacao/examples/', import.meta.url));

let s: ReplayServer;
beforeAll(async () => {
  s = await replayServer();
}, 120_000);
afterAll(async () => {
  await s.close();
});

const withServer = (...args: string[]) => cli(...args, '--url', s.url, '--token', s.tokens.analyst);

describe('cli import-cacao and export-cacao', () => {
  it('when a playbook is imported then the draft and every element that is not simply mapped are printed, and its export is written as CACAO', async () => {
    const run = await withServer('import-cacao', join(EXAMPLES, 'ssh-playbook.json'));
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const [, workflowId] = /draft version 1 of workflow ([0-9a-f-]{36})$/.exec(run.out[0] ?? '') ?? [];
    expect(workflowId).toBeDefined();
    expect(run.out[1]).toMatch(/^report: \d+ mapped, \d+ approximated, \d+ unsupported$/);
    expect(run.out).toContainEqual(
      expect.stringMatching(
        /approximated\s+\/workflow\/action--88f4c4df-fa96-44e6-b310-1c06d193ea55\/commands\/0: no installed connector runs ssh/,
      ),
    );

    const out = join(mkdtempSync(join(tmpdir(), 'cacao-')), 'out.json');
    const exported = await withServer('export-cacao', workflowId ?? '', '1', out);
    expect(exported).toMatchObject({ code: 0, out: [`wrote ${out}`] });
    expect(cacaoSchemaErrors(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
  });

  it('when a broken playbook is imported then exit 1 and the message names the element', async () => {
    const run = await withServer('import-cacao', join(EXAMPLES, 'missing_step_playbook.json'));
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain(
      'workflow.action--2190f685-1857-44ac-ad0e-0ded6c6ef3ce: on_completion points at end--6b23c237-ade8-4d00-9aa1-75999738d558, which does not exist',
    );
  });

  it('when export-cacao is given no version number then it is a usage error', async () => {
    const run = await withServer('export-cacao', 'some-workflow', 'latest');
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe('<version> is a version number, got "latest"');
  });
});
