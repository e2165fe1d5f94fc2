import { z } from 'zod';
import { Template } from '../../expression-fields';
import { HttpAuth } from '../http-auth';
import { record, text } from '../text';
import { defineNode } from '../types';

const Headers = z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), Template);
/**
 * What a write acts on, declared: the safety lists check it like a connector action's
 * target (a protected one is refused, an auto-OK one recorded).
 */
export const HttpTarget = z
  .object({
    kind: z.enum(['ip', 'host', 'user']),
    value: Template.min(1, 'a target value is required'),
  })
  .strict();

const READ_METHODS = new Set(['GET', 'HEAD']);

export const http = defineNode({
  type: 'http',
  category: 'action',
  label: 'HTTP request',
  description: 'Calls an API. GET and HEAD are reads; anything else writes to the outside world.',
  icon: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M3 12h18', 'M12 3c3 3 3 15 0 18', 'M12 3c-3 3-3 15 0 18'],
  params: z
    .object({
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
      url: Template.min(1, 'a URL is required'),
      headers: Headers.default({}),
      query: z.record(z.string().max(128), Template).default({}),
      body: Template.optional(),
      auth: HttpAuth.optional(),
      /** Statuses that count as success. @default 2xx */
      expectStatus: z.array(z.int().min(100).max(599)).max(20).optional(),
      /** What the request acts on (checked against the protected and auto-OK lists). */
      target: HttpTarget.optional(),
    })
    .strict(),
  defaults: { method: 'GET', url: '', headers: {}, query: {} },
  ports: () => [{ id: 'out', label: 'Next', required: true }],
  effect: (p) => (READ_METHODS.has(p.method) ? 'read' : 'write'),
  summary: (p) => {
    const target = record(p['target']);
    const on = typeof target['value'] === 'string' ? [`on ${text(target['kind'])} ${text(target['value'])}`] : [];
    return [`${text(p['method'], 'GET')} ${text(p['url'])}`, ...on];
  },
  target: (p) => (p.target ? { kind: p.target.kind, param: 'target.value' } : undefined),
  exampleOutput: { status: 200, headers: {}, body: {} },
});
