/**
 * Secrets and credential headers stay out of what a live step stores: its output (kept in
 * step_runs, runs and run_results) and its error message. A secret is replaced however
 * short it is; a credential header's value is dropped whatever it is.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLiveEffects, type HttpClient } from '../../src/adapters';
import type { OutboundRequest, OutboundResponse } from '../../src/adapters/http-client';
import { REDACTED, scrub, scrubText } from '../../src/adapters/redact';
import { simulate, type EffectRequest, type EffectResult } from '../../src/engine';
import { step, workflow } from '../engine/harness';

describe('scrubText', () => {
  it.each([
    ['a 5-character secret', 'Bearer abc12', ['abc12'], 'Bearer [redacted]'],
    ['a 1-character secret, without finding it again inside [redacted]', 'odd', ['d'], 'o[redacted][redacted]'],
    [
      'a secret that contains another, replaced whole',
      'abcdef and abc',
      ['abc', 'abcdef'],
      '[redacted] and [redacted]',
    ],
    ['a secret as a JSON string escapes it', '{"k":"p\\"w\\\\d"}', ['p"w\\d'], '{"k":"[redacted]"}'],
    ['a secret as a URL encodes it', 'https://x.example/?k=a%20b%26c', ['a b&c'], 'https://x.example/?k=[redacted]'],
    ['a secret with pattern characters, taken literally', 'abc a.c', ['a.c'], 'abc [redacted]'],
    ['an empty secret, which replaces nothing', 'text', [''], 'text'],
  ])('when the text holds %s then it is replaced', (_what, text, secrets, want) => {
    expect(scrubText(text, secrets)).toBe(want);
  });
});

describe('scrub', () => {
  it('when a value holds credential headers at any depth and in any case then their values are dropped, the rest kept', () => {
    const echoed = {
      status: 200,
      headers: { 'X-Api-Key': 'k1', 'content-type': 'application/json', 'set-cookie': 's=1' },
      body: {
        echo: { headers: { Authorization: 'Basic Zm9vOmJhcg==', cookie: ['a=1', 'b=2'], accept: '*/*' } },
        items: [{ 'proxy-authorization': 'x' }, { name: 'authorization' }],
      },
    };

    expect(scrub(echoed, [])).toEqual({
      status: 200,
      headers: { 'X-Api-Key': REDACTED, 'content-type': 'application/json', 'set-cookie': REDACTED },
      body: {
        echo: { headers: { Authorization: REDACTED, cookie: REDACTED, accept: '*/*' } },
        items: [{ 'proxy-authorization': REDACTED }, { name: 'authorization' }],
      },
    });
  });

  it('when a secret is short then it is replaced in every string of the value', () => {
    expect(scrub({ a: ['id abc12', 42, null, { b: 'abc12' }] }, ['abc12'])).toEqual({
      a: [`id ${REDACTED}`, 42, null, { b: REDACTED }],
    });
  });
});

describe('live effects: what a step stores', () => {
  const SHORT = 'abc12';
  const vault = { reveal: async (name: string) => (name === 'short.token' ? SHORT : undefined) };
  /** An API that answers `status` with the request's headers in its body and in its own headers. */
  const echoing = (status: number, contentType = 'application/json'): HttpClient => ({
    async request(req: OutboundRequest): Promise<OutboundResponse> {
      return {
        status,
        url: req.url,
        headers: { 'content-type': contentType, 'x-api-key': 'server-side-key', authorization: 'echoed' },
        body: Buffer.from(JSON.stringify({ id: `req-${SHORT}`, headers: req.headers })),
      };
    },
    close: async () => undefined,
  });
  const throwing = (error: unknown): HttpClient => ({
    request: async () => Promise.reject(error),
    close: async () => undefined,
  });
  const perform = (http: HttpClient, params: Record<string, unknown>): Promise<EffectResult> =>
    createLiveEffects({ http, vault, log: pino({ level: 'silent' }) }).perform({
      runId: 'run-1',
      stepId: 'call',
      stepKey: 'call',
      nodeType: 'http',
      effect: 'read',
      params,
      idempotencyKey: 'run-1:call:1',
      attempt: 1,
      signal: new AbortController().signal,
    } satisfies EffectRequest);
  const bearer = { url: 'https://api.example/x', auth: { type: 'bearer', secret: 'short.token' } };

  it('when an API echoes a 5-character bearer token then the output holds neither it nor any credential header', async () => {
    const r = await perform(echoing(200), { ...bearer, headers: { 'X-Api-Key': 'typed-in-key' } });

    expect(r.ok).toBe(true);
    const stored = JSON.stringify(r);
    expect(stored).not.toContain(SHORT);
    expect(stored).not.toContain('typed-in-key');
    expect(stored).not.toContain('server-side-key');
    expect(r.ok && r.output).toMatchObject({
      headers: { 'x-api-key': REDACTED, authorization: REDACTED },
      body: { id: `req-${REDACTED}`, headers: { authorization: REDACTED, 'x-api-key': REDACTED } },
    });
  });

  it('when an API answers 401 with the 5-character token in its text then the error message holds [redacted]', async () => {
    const r = await perform(echoing(401, 'text/plain'), bearer);

    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain(`"id":"req-${REDACTED}"`);
    expect(message).not.toContain(SHORT);
  });

  it('when an API answers 403 with JSON echoing a typed-in credential header then the error message drops its value', async () => {
    const r = await perform(echoing(403), { url: 'https://api.example/x', headers: { 'X-Api-Key': 'typed-in-key' } });

    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain(`"x-api-key":"${REDACTED}"`);
    expect(message).not.toContain('typed-in-key');
  });

  it('when the call throws an error naming the 5-character token then the error message holds [redacted]', async () => {
    const r = await perform(throwing(new Error(`connect failed for token ${SHORT}`)), bearer);

    expect(r.ok ? undefined : r.error).toMatchObject({
      kind: 'network',
      message: `connect failed for token ${REDACTED}`,
    });
  });
});

describe('the trace of an http step', () => {
  /** start → lookup (GET, credential headers typed in) → report (POST, the same) */
  const playbook = workflow(
    'lookup',
    {
      lookup: step(
        'http',
        { url: 'https://intel.example/x', headers: { Authorization: 'Bearer {{ vars.key }}', Accept: 'json' } },
        { out: 'report' },
      ),
      report: step('http', {
        method: 'POST',
        url: 'https://cases.example/x',
        headers: { 'x-api-key': '{{ vars.key }}', Cookie: 'sid={{ vars.key }}' },
        body: 'done',
      }),
    },
    { key: 'typed-key-1' },
  );

  it('when a playbook writes credential headers into an http step then they are sent but the trace and the effects report keep [redacted]', async () => {
    const sent: EffectRequest[] = [];
    const sim = await simulate(
      playbook,
      {},
      {
        liveReads: {
          perform: async (req) => {
            sent.push(req);
            return { ok: true, output: {} };
          },
        },
      },
    );

    expect(sim.status).toBe('succeeded');
    expect(sent[0]?.params).toMatchObject({ headers: { Authorization: 'Bearer typed-key-1' } });
    expect(sim.trace.find((a) => a.stepId === 'lookup')?.input).toMatchObject({
      headers: { Authorization: REDACTED, Accept: 'json' },
    });
    expect(sim.effects[0]?.params).toMatchObject({ headers: { 'x-api-key': REDACTED, Cookie: REDACTED } });
    expect(JSON.stringify({ trace: sim.trace, effects: sim.effects })).not.toContain('typed-key-1');
  });
});
