import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/load';
import { BASE, edit } from './support/edit';

/*
 * BASE, the containment example:
 *
 *   … check_confidence ─true→ approve_block ─approved→ block_ip → notify_blocked
 *                                           ─rejected→ notify_rejected
 *                                           ─timeout→  notify_timeout
 */
describe('validation warning: an approval whose rejected port leads nowhere', () => {
  it('when the rejected port of an approval is connected then there is no warning about it', () => {
    const r = validateDocument(BASE);

    expect(r.warnings ?? []).toEqual([]);
  });

  it('when nothing is connected to "Rejected" then a warning names the approval and says the run would read succeeded, and it stays valid', () => {
    const doc = edit(BASE, (d) => {
      const step = d.steps['approve_block'];
      if (step) delete step.transitions['rejected'];
      delete d.steps['notify_rejected'];
    });

    const r = validateDocument(doc);

    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([
      {
        nodeId: 'approve_block',
        path: 'transitions.rejected',
        message:
          'approval "Approve firewall block" (approve_block) has nothing connected to "Rejected": a rejection ends the run, which then reads "succeeded". Connect it to what should happen (an end marked failed, a notification)',
      },
    ]);
  });

  it('when the rejected port is present but empty then it is warned about the same way', () => {
    const doc = edit(BASE, (d) => {
      const step = d.steps['approve_block'];
      if (step) step.transitions['rejected'] = [];
      delete d.steps['notify_rejected'];
    });

    expect(validateDocument(doc).warnings?.map((w) => w.nodeId)).toEqual(['approve_block']);
  });
});
