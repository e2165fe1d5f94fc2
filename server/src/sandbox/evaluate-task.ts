/**
 * One expression task, as a sandbox process runs it: the engine's own Expressions (RE2
 * regexes, depth and time limits), then the result-size cap, then plain JSON out.
 */
import { stepError, StepFailure } from '../engine/errors';
import { Expressions } from '../engine/expressions';
import type { ExpressionAnswer, ExpressionTask, WorkerSettings } from './protocol';
import { resultTooLarge } from './size';

export function createTaskRunner(settings: WorkerSettings): (task: ExpressionTask) => Promise<ExpressionAnswer> {
  let now = 0;
  const expressions = new Expressions({ timeoutMs: settings.timeoutMs, maxDepth: settings.maxDepth }, () => now);

  async function run(task: ExpressionTask): Promise<unknown> {
    now = task.now;
    switch (task.op) {
      case 'evaluate':
        return expressions.evaluate(task.source, task.input);
      case 'render':
        return expressions.render(task.template, task.input);
      case 'renderParams':
        return expressions.renderParams(task.value, new Set(task.skip), task.input);
    }
  }

  return async (task) => {
    const started = performance.now();
    const ms = () => performance.now() - started;
    try {
      const value = await run(task);
      const tooLarge = resultTooLarge(value, settings.maxResultBytes);
      if (tooLarge) return { ok: false, error: tooLarge, ms: ms() };
      // JSONata may answer a function or a sequence array with extra fields: send plain JSON.
      return { ok: true, value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)), ms: ms() };
    } catch (e) {
      const error =
        e instanceof StepFailure ? e.error : stepError('expression', e instanceof Error ? e.message : String(e));
      return { ok: false, error, ms: ms() };
    }
  };
}
