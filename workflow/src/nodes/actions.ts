import { z } from 'zod';
import { Duration } from '../duration';
import { SecretRef, Template } from '../expression-fields';
import { defineNode, type NodeDefinition, type TargetKind } from './types';

export const HttpAuth = z
  .object({
    type: z.enum(['bearer', 'header', 'basic']),
    secret: SecretRef,
    /** For `header` auth: the header that carries the secret. */
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
  })
  .strict();

const Headers = z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), Template);
const READ_METHODS = new Set(['GET', 'HEAD']);

export const http = defineNode({
  type: 'http',
  category: 'action',
  label: 'HTTP request',
  description: 'Calls an API. GET and HEAD are reads; anything else writes to the outside world.',
  icon: 'globe',
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
    })
    .strict(),
  defaults: { method: 'GET', url: '', headers: {}, query: {} },
  ports: () => [{ id: 'out', label: 'Next', required: true }],
  effect: (p) => (READ_METHODS.has(p.method) ? 'read' : 'write'),
  exampleOutput: { status: 200, headers: {}, body: {} },
});

export const notify = defineNode({
  type: 'notify',
  category: 'action',
  label: 'Notify',
  description: 'Sends a message to a chat channel, an e-mail address or a ticket queue.',
  icon: 'bell',
  params: z
    .object({
      channel: z.enum(['slack', 'teams', 'email', 'ticket', 'webhook']),
      to: Template.min(1, 'a recipient is required'),
      subject: Template.optional(),
      message: Template.min(1, 'a message is required'),
    })
    .strict(),
  defaults: { channel: 'slack', to: '', message: '' },
  ports: () => [{ id: 'out', label: 'Next', required: false }],
  effect: () => 'write',
  exampleOutput: { delivered: true, messageId: 'example-message-id' },
});

/** The HTTP endpoint a containment action calls, until real connectors exist. */
export const ActionEndpoint = z
  .object({
    url: z.string().min(1).max(2_000).meta({ widget: 'template' }),
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
    auth: HttpAuth.optional(),
  })
  .strict();

function containment(
  type: string,
  label: string,
  description: string,
  icon: string,
  kind: TargetKind,
  param: string,
  extra: z.ZodRawShape,
): NodeDefinition {
  return defineNode({
    type,
    category: 'action',
    label,
    description: `${description} Destructive: refused on a protected asset, whatever the playbook says.`,
    icon,
    params: z
      .object({
        [param]: Template.min(1, `a ${kind} is required`),
        reason: Template.min(1, 'a reason is required'),
        endpoint: ActionEndpoint,
        ...extra,
      })
      .strict(),
    defaults: { [param]: '', reason: '', endpoint: { url: '', method: 'POST' } },
    ports: () => [{ id: 'out', label: 'Next', required: false }],
    effect: () => 'destructive',
    target: { kind, param },
    exampleOutput: { accepted: true, [param]: `example-${kind}` },
  });
}

export const blockIp = containment(
  'block-ip',
  'Block IP',
  'Blocks an IP address at the firewall.',
  'shield-off',
  'ip',
  'ip',
  {
    duration: Duration.optional(),
  },
);
export const isolateHost = containment(
  'isolate-host',
  'Isolate host',
  'Isolates an endpoint from the network via the EDR.',
  'monitor-off',
  'host',
  'host',
  {},
);
export const disableUser = containment(
  'disable-user',
  'Disable user',
  'Disables an account in the identity provider.',
  'user-x',
  'user',
  'user',
  {},
);
