/**
 * A CACAO while-condition imports as a bounded loop that really runs (issue 17, Done when):
 *
 *   start → While sessions remain (until not(remaining > 0), at most 100 rounds, checked before each round)
 *             ─body→ Revoke one session (POST; its response body carries `remaining`) → back to the loop
 *             ─done→ All revoked (end)
 *   workflow_exception → Failed (end, failed)
 */
import { readFileSync } from 'node:fs';
import { importCacao, StepFixture, WorkflowDocument } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine';

const playbook: unknown = JSON.parse(
  readFileSync(new URL('../../../workflow/test/cacao/fixtures/while-sessions.json', import.meta.url), 'utf8'),
);
const doc = WorkflowDocument.parse(importCacao(playbook).document);
const left = (remaining: number) => StepFixture.parse({ output: { status: 200, headers: {}, body: { remaining } } });

describe('simulation of an imported CACAO while-condition', () => {
  it('when the fixture sequence reaches 0 then the loop ends by its condition after that round', async () => {
    const sim = await simulate(
      doc,
      {},
      {
        fixtures: {
          revoke_one_session: StepFixture.parse({ sequence: [left(3), left(2), left(1), left(0)] }),
        },
      },
    );

    expect(sim.status).toBe('succeeded');
    expect(sim.path.filter((k) => k.startsWith('revoke_one_session'))).toHaveLength(4);
    expect(sim.path).toContain('all_revoked');
    // No loop reached its maximum: the result lists no bound.
    expect(sim.bounds).toBeUndefined();
  });

  it('when the count never reaches 0 then the bound of 100 rounds is reported and the exception handler ends the run as failed', async () => {
    const sim = await simulate(
      doc,
      {},
      { fixtures: { revoke_one_session: StepFixture.parse({ sequence: [left(3), left(2)] }) } },
    );

    expect(sim.bounds).toMatchObject([
      {
        stepId: 'while_sessions_remain',
        rounds: 100,
        message: '"while_sessions_remain": bound reached after 100 rounds',
      },
    ]);
    expect(sim.path.filter((k) => k.startsWith('revoke_one_session'))).toHaveLength(100);
    expect(sim.path.at(-1)).toBe('failed');
    expect(sim.status).toBe('failed');
  });
});
