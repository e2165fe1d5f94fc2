import type { EngineEnv } from './env';
import { isStepError, stepError, toStepError } from './errors';
import type { EffectRequest, EffectResult } from './ports';

/** Abort reasons (a reason avoids building a DOMException per effect). */
export const TIMED_OUT = 'timeout';

/**
 * Calls the effects port under a timeout. On timeout the effect's signal aborts and the
 * attempt fails with kind `timeout` at once; on cancellation (the controller aborted by
 * the engine) with kind `cancelled`: a port that ignores its signal cannot hold the run.
 */
export function performEffect(
  env: EngineEnv,
  request: Omit<EffectRequest, 'signal'>,
  timeoutMs: number,
  controller: AbortController,
): Promise<EffectResult> {
  const signal = controller.signal;
  if (signal.aborted)
    return Promise.resolve({ ok: false, error: stepError('cancelled', 'cancelled', { retryable: false }) });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: EffectResult) => {
      if (settled) return;
      settled = true;
      clear();
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => finish({ ok: false, error: stepError('cancelled', 'cancelled', { retryable: false }) });
    const clear = env.deadlines.add(timeoutMs, () => {
      finish({ ok: false, error: stepError('timeout', `no answer within ${timeoutMs} ms`) });
      controller.abort(TIMED_OUT);
    });
    signal.addEventListener('abort', onAbort);
    env.effects.perform({ ...request, signal }).then(
      (r) => finish(checked(r)),
      (e: unknown) => finish({ ok: false, error: toStepError(e) }),
    );
  });
}

function checked(r: unknown): EffectResult {
  if (typeof r === 'object' && r !== null && 'ok' in r) {
    if (r.ok === true) return { ok: true, output: 'output' in r ? r.output : undefined };
    if (r.ok === false && 'error' in r && isStepError(r.error)) return { ok: false, error: r.error };
  }
  return { ok: false, error: stepError('internal', 'the effects port answered something that is not an EffectResult') };
}
