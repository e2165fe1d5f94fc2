/**
 * Secrets stay out of error messages (issue 10 §6). Successful outputs were tested; the
 * two error paths of the live effects were not: the text of a failed HTTP answer (an API
 * that echoes the request into its 401) and the message of whatever the call threw (a
 * transport error, a malformed URL that is itself the secret). A message goes
 * into the step's error, the run's trace and the dashboard's "top failing steps".
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHttpClient, createLiveEffects, type HttpClient } from '../../src/adapters';
import type { OutboundRequest, OutboundResponse } from '../../src/adapters/http-client';
import type { EffectRequest, EffectResult, StepError } from '../../src/engine';
import { gatewayEffects, gatewayRequest, type GatewayCredential } from '../support/gateway';

const TOKEN = 'tok-live-4f9c2a7e81d3';
const PASSWORD = 'svc-user:pa55-w0rd-ok';
const HOOK = 'https://hooks.chat.example/services/T0001/B0002/XyZsecretPath';

const secrets = new Map<string, string>([
  ['api.token', TOKEN],
  ['svc.basic', PASSWORD],
]);
const vault = { reveal: async (name: string) => secrets.get(name) };

/** An HTTP client that answers every call with `answer` (or throws what it returns as an Error). */
function fakeHttp(answer: (req: OutboundRequest) => OutboundResponse | Error): HttpClient {
  return {
    async request(req) {
      const r = answer(req);
      if (r instanceof Error) throw r;
      return r;
    },
    close: async () => undefined,
  };
}

/**
 * An answer with `status` that echoes what the request carried, as text: a JSON answer's
 * credential headers are dropped whole by name, so only text tests the scrubbing of the
 * secret's value.
 */
const echo =
  (status: number, pad = 0) =>
  (req: OutboundRequest): OutboundResponse => ({
    status,
    url: req.url,
    headers: { 'content-type': 'text/plain' },
    body: Buffer.from(JSON.stringify({ pad: 'x'.repeat(pad), error: 'denied', headers: req.headers })),
  });

function request(nodeType: string, params: Record<string, unknown>): EffectRequest {
  return {
    runId: 'run-1',
    stepId: 'step',
    stepKey: 'step',
    nodeType,
    effect: 'read',
    params,
    idempotencyKey: 'run-1:step:1',
    attempt: 1,
    signal: new AbortController().signal,
  };
}

const errorOf = (r: EffectResult): StepError => {
  if (r.ok) throw new Error('expected the effect to fail');
  return r.error;
};

const perform = (http: HttpClient, req: EffectRequest) =>
  createLiveEffects({ http, vault, log: pino({ level: 'silent' }) }).perform(req);

const bearerGet = { method: 'GET', url: 'https://api.example/alerts', auth: { type: 'bearer', secret: 'api.token' } };

describe('guards, redaction: the text of a failed HTTP answer', () => {
  it('when an API echoes the bearer token into its 401 then the step error shows [redacted], never the token', async () => {
    const error = errorOf(await perform(fakeHttp(echo(401)), request('http', bearerGet)));

    expect(error).toMatchObject({ kind: 'http_4xx', status: 401 });
    expect(error.message).toContain('HTTP 401 from https://api.example');
    expect(error.message).toContain('Bearer [redacted]');
    expect(error.message).not.toContain(TOKEN);
  });

  it('when a gateway echoes basic credentials into its 500 then neither the password nor its base64 appears', async () => {
    const encoded = Buffer.from(PASSWORD).toString('base64');
    const basic: GatewayCredential = {
      mode: 'live',
      value: PASSWORD,
      settings: { auth: 'basic' },
      baseUrl: 'https://fw.example',
    };
    const answer = (req: OutboundRequest): OutboundResponse => ({
      ...echo(500)(req),
      body: Buffer.from(`upstream refused ${PASSWORD} (${encoded})`),
      headers: { 'content-type': 'text/plain' },
    });
    const req = gatewayRequest('block_ip', { ip: '203.0.113.9', reason: 'scan', path: '/block' }, 'svc-basic');

    const effects = gatewayEffects(fakeHttp(answer), new Map([['svc-basic', basic]]));
    const error = errorOf(await effects.perform(req));

    expect(error.kind).toBe('http_5xx');
    expect(error.message).toBe('autonomic-gateway.block_ip: HTTP 500: upstream refused [redacted] ([redacted])');
  });

  it('when the echoed token sits across the 200-character cut of the snippet then no part of it leaks', async () => {
    // The body starts {"pad":"…","error":"denied","headers":{"authorization":"Bearer tok-…
    const prefix = '{"pad":"","error":"denied","headers":{"authorization":"Bearer '.length;
    const pad = 200 - prefix - Math.floor(TOKEN.length / 2);

    const error = errorOf(await perform(fakeHttp(echo(403, pad)), request('http', bearerGet)));

    expect(error.message).not.toContain(TOKEN.slice(0, TOKEN.length / 2));
  });
});

describe('guards, redaction: the message of what the call threw', () => {
  it('when the transport error names the token then the network error shows [redacted]', async () => {
    const thrown = Object.assign(new Error(`socket hang up while sending "authorization: Bearer ${TOKEN}"`), {
      code: 'ECONNRESET',
    });

    const error = errorOf(
      await perform(
        fakeHttp(() => thrown),
        request('http', bearerGet),
      ),
    );

    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toBe('ECONNRESET: socket hang up while sending "authorization: Bearer [redacted]"');
  });

  it("when a chat channel's webhook URL is malformed then the error says so without showing it", async () => {
    const hook: GatewayCredential = {
      mode: 'live',
      value: HOOK.replace('https://', ''),
      settings: { auth: 'webhook_url' },
      baseUrl: 'https://hooks.chat.example',
    };
    const http = createHttpClient({ allow: [] });
    try {
      const req = gatewayRequest('notify', { text: 'contained', to: '#soc', message: 'contained' }, 'notify-chat');

      const error = errorOf(await gatewayEffects(http, new Map([['notify-chat', hook]])).perform(req));

      expect(error.kind).toBe('validation');
      expect(error.message).toContain('the credential is not a URL');
      expect(error.message).not.toContain('XyZsecretPath');
    } finally {
      await http.close();
    }
  });

  it('when the call throws something that is not an Error then the step still fails without the secret', async () => {
    const http: HttpClient = {
      request: async () => Promise.reject(`raw rejection Bearer ${TOKEN}`),
      close: async () => undefined,
    };

    const error = errorOf(await perform(http, request('http', bearerGet)));

    expect(error.message).not.toContain(TOKEN);
  });
});
