import type { WorkflowDiff } from '@autonomic/workflow';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cli, CONTAINMENT, example, readJsonFile, tempFolder } from './harness';

const workflow = `${CONTAINMENT}/workflow.json`;
const tmp = tempFolder('cli-diff');
afterAll(() => tmp.remove());

const Doc = z.looseObject({
  steps: z.looseObject({
    block_ip: z.looseObject({ params: z.looseObject({ input: z.looseObject({ comment: z.string() }) }) }),
  }),
  ui: z.looseObject({ positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })) }),
});

/** A copy of the containment playbook, edited. */
function editedCopy(name: string, edit: (doc: z.infer<typeof Doc>) => void): string {
  const doc = Doc.parse(readJsonFile(workflow));
  edit(doc);
  return tmp.write(name, doc);
}

function moveBlockNode(doc: z.infer<typeof Doc>): void {
  const at = doc.ui.positions.block_ip;
  if (at) at.y += 120;
}

describe('cli diff', () => {
  it('when the block comment changes and a node moves then the diff is high risk and holds only the param change', async () => {
    const after = editedCopy('comment-and-move.json', (doc) => {
      doc.steps.block_ip.params.input.comment = 'Blocked by Autonomic';
      moveBlockNode(doc);
    });

    const run = await cli('diff', workflow, after);

    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    const diff = JSON.parse(run.out.join('\n')) as WorkflowDiff;
    expect(diff.risk).toBe('high');
    expect(diff.riskReasons).toEqual([expect.stringContaining('destructive step "block_ip"')]);
    expect(diff.steps.changed.map((c) => ({ id: c.id, params: c.params.map((p) => p.path) }))).toEqual([
      { id: 'block_ip', params: ['input.comment'] },
    ]);
    expect(diff.steps.changed[0]?.params[0]?.after).toBe('Blocked by Autonomic');
    expect(diff).toMatchObject({ isEmpty: false, metadata: [], trigger: null, vars: [] });
    expect([...diff.steps.added, ...diff.steps.removed]).toEqual([]);
    expect(diff.tests.changed).toBe(false);
  });

  it('when only a node moves then the diff is empty', async () => {
    const after = editedCopy('moved.json', moveBlockNode);

    const run = await cli('diff', workflow, after);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ isEmpty: true, risk: 'normal', riskReasons: [] });
  });

  it('when one side is invalid then it exits 1 with that side named and its problems listed', async () => {
    const broken = example('broken', 'dangling-transition.json');

    const run = await cli('diff', workflow, broken);

    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      `workflow ${broken} is invalid:`,
      'enrich_ip transitions.error.0: port "error" leads to missing step "notify_oncall"',
    ]);
  });
});
