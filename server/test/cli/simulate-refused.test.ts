import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors';
import { cli, CONTAINMENT, STACK_FRAME } from './harness';

/*
 * The engine's simulate refusing an event the live trigger would refuse (400
 * invalid_event, each field named), as the server's event validation throws it.
 */
vi.mock('../../src/engine', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/engine')>()),
  simulate: () =>
    Promise.reject(
      new AppError(400, 'invalid_event', "the event does not match the trigger's input schema", [
        { path: 'body.src_ip', message: 'is required' },
        { path: 'body.severity', message: 'must be one of low, medium,\nhigh, critical' },
      ]),
    ),
}));

const workflow = `${CONTAINMENT}/workflow.json`;

describe('cli simulate when the event is refused', () => {
  it.each([[[]], [['--json']]])(
    'when the simulation refuses the event (flags %j) then it exits 1 with the reason and one line per field, and no report',
    async (flags) => {
      const run = await cli('simulate', workflow, '--event', `${CONTAINMENT}/event.json`, ...flags);

      expect(run.code).toBe(1);
      expect(run.out).toEqual([]);
      expect(run.err).toEqual([
        `cannot simulate ${workflow}: the event does not match the trigger's input schema`,
        'body.src_ip is required',
        'body.severity must be one of low, medium, high, critical',
      ]);
      expect(run.err.join('\n')).not.toMatch(STACK_FRAME);
    },
  );
});
