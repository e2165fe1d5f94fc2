/** The workers' effects port: an `http` step POSTs to the mock with its idempotency key. */
import type { EffectsPort } from '../../src/engine';

export const mockEffects: EffectsPort = {
  async perform(request) {
    const url = request.params['url'];
    if (request.nodeType !== 'http' || typeof url !== 'string') return { ok: true, output: {} };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'idempotency-key': request.idempotencyKey },
      signal: request.signal,
    });
    await res.arrayBuffer();
    return { ok: true, output: { status: res.status } };
  },
};
