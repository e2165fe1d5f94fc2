import { describe, expect, it } from 'vitest';
import { ConnectorAuth, ConnectorAuthType, ConnectorDefinition, templateParams } from '../src/connectors';
import { sampleConnector } from './support/connectors';

type Def = ReturnType<typeof sampleConnector>;
/** The sample's action `id`, to edit in place. */
const action = (d: Def, id: string) =>
  (d.actions as Record<string, Record<string, unknown>>)[id] as Record<string, unknown>;
const params = (d: Def, id: string) =>
  action(d, id).params as { properties: Record<string, unknown>; required: string[] };

const VALID: Array<{ name: string; edit: (d: Def) => void }> = [
  { name: 'the sample as it is', edit: () => undefined },
  {
    name: 'no rate limit and no health action',
    edit: (d) => {
      d.rateLimit = undefined;
      d.healthAction = undefined;
    },
  },
  {
    name: 'an API key in the query',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'query', name: 'api_key' };
    },
  },
  {
    name: 'bearer auth',
    edit: (d) => {
      d.auth = { type: 'bearer' };
    },
  },
  {
    name: 'an API key with a scheme prefix in a header',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'header', name: 'Authorization', prefix: 'SSWS ' };
    },
  },
  {
    name: 'an API key in the body of an action that only posts objects',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'body', name: 'routing_key' };
      d.healthAction = undefined;
      delete (d.actions as Record<string, unknown>)['lookup'];
    },
  },
  {
    name: 'a form body and a probe interval',
    edit: (d) => {
      action(d, 'block').bodyType = 'form';
      action(d, 'block').body = { address: '{{ ip }}', minutes: '{{ minutes }}', note: 'by {{ reason }}' };
      d.healthAction = { action: 'lookup', params: { tenant: 'demo', ip: '192.0.2.1' }, every: '1h' };
    },
  },
  {
    name: 'basic auth',
    edit: (d) => {
      d.auth = { type: 'basic' };
    },
  },
  {
    name: 'OAuth2 client credentials with scopes',
    edit: (d) => {
      d.auth = {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://login.acme.example/token',
        scopes: ['fw.write'],
      };
    },
  },
  {
    name: 'an OAuth2 token URL whose tenant is a required setting (Entra)',
    edit: (d) => {
      d.settings = { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] };
      d.auth = {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://login.microsoftonline.com/{{ tenant }}/oauth2/v2.0/token',
        scopes: ['https://graph.microsoft.com/.default'],
        clientAuth: 'client_secret_post',
      };
    },
  },
  {
    name: 'a block made of two requests, duplicates counting as done',
    edit: (d) => {
      action(d, 'block').done = [{ status: 409 }];
      action(d, 'block').then = [
        { method: 'POST', path: '/v1/groups/blocked/{{ ip }}', done: [{ status: 500, field: 'error', equals: -5 }] },
      ];
    },
  },
  {
    name: 'a search whose found id the next request uses (capture)',
    edit: (d) => {
      action(d, 'block').capture = { hostId: { pointer: '/resources/0', missing: 'no host has {{ ip }}' } };
      action(d, 'block').then = [
        { method: 'POST', path: '/v1/hosts/{{ hostId }}/isolate', body: { ids: ['{{ hostId }}'] } },
      ];
    },
  },
  {
    name: "the vendor's own wait header in epoch seconds",
    edit: (d) => {
      d.retryAfter = { header: 'X-RateLimit-RetryAfter', form: 'epoch_seconds' };
    },
  },
  {
    name: 'a pre-release version',
    edit: (d) => {
      d.version = '2.0.0-beta.1';
    },
  },
  {
    name: 'own retryable statuses',
    edit: (d) => {
      d.retryableStatuses = [429, 503];
    },
  },
  {
    name: 'a write without a target',
    edit: (d) => {
      action(d, 'block').effect = 'write';
      action(d, 'block').target = undefined;
    },
  },
  {
    name: 'a base URL without placeholders',
    edit: (d) => {
      d.baseUrl = 'https://api.acme.example';
    },
  },
  {
    name: 'a 2xx failure rule with auth codes (Slack style)',
    edit: (d) => {
      d.errorWhen = { field: 'ok', equals: false, codeField: 'error', authCodes: ['invalid_auth'] };
    },
  },
  {
    name: 'a base URL placeholder filled by a required setting instead of params',
    edit: (d) => {
      d.settings = { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] };
      for (const id of ['lookup', 'block']) {
        delete params(d, id).properties.tenant;
        params(d, id).required = params(d, id).required.filter((n) => n !== 'tenant');
      }
      d.healthAction = { action: 'lookup', params: { ip: '192.0.2.1' } };
    },
  },
  {
    name: 'settings the base URL does not use',
    edit: (d) => {
      d.settings = { type: 'object', properties: { vsys: { type: 'string', default: 'vsys1' } } };
    },
  },
  {
    name: 'a placeholder with spaces inside the braces',
    edit: (d) => {
      action(d, 'lookup').path = '/v1/addresses/{{ip}}';
    },
  },
  {
    name: 'a choice of auths picked by a setting, one naming its header by another setting',
    edit: (d) => {
      d.settings = {
        type: 'object',
        properties: { auth: { type: 'string' }, header: { type: 'string' } },
      };
      d.authChoice = {
        setting: 'auth',
        options: {
          header: { type: 'api_key', in: 'header', name: 'X-Key', nameSetting: 'header' },
          none: { type: 'none' },
          webhook_url: { type: 'webhook_url' },
        },
      };
    },
  },
  {
    name: 'a route chosen by the step, and the run id and idempotency key in the body',
    edit: (d) => {
      action(d, 'block').route = { path: 'ip', method: 'tenant' };
      action(d, 'block').body = { run: '{{ context.runId }}', key: '{{ context.idempotencyKey }}' };
    },
  },
];

const INVALID: Array<{ name: string; path: string; edit: (d: Def) => void }> = [
  {
    name: 'a prefix on a query key',
    path: 'auth.prefix',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'query', name: 'key', prefix: 'Key ' };
    },
  },
  {
    name: 'a key in the body of an action that sends none',
    path: 'actions.lookup.body',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'body', name: 'routing_key' };
    },
  },
  {
    name: 'a nested form field',
    path: 'actions.block.body.tags',
    edit: (d) => {
      action(d, 'block').bodyType = 'form';
    },
  },
  {
    name: 'a probe every 10 seconds',
    path: 'healthAction.every',
    edit: (d) => {
      d.healthAction = { action: 'lookup', params: { tenant: 'demo', ip: '192.0.2.1' }, every: '10s' };
    },
  },
  {
    name: 'a 2xx failure rule without its field',
    path: 'errorWhen.field',
    edit: (d) => {
      d.errorWhen = { equals: false, codeField: 'error' };
    },
  },
  {
    name: 'a 2xx failure rule whose value is an object',
    path: 'errorWhen.equals',
    edit: (d) => {
      d.errorWhen = { field: 'ok', equals: { no: true } };
    },
  },
  {
    name: 'an id that is not a slug',
    path: 'id',
    edit: (d) => {
      d.id = 'Acme Firewall';
    },
  },
  {
    name: 'a version that is not semver',
    path: 'version',
    edit: (d) => {
      d.version = 'v1.2';
    },
  },
  {
    name: 'another format version',
    path: 'formatVersion',
    edit: (d) => {
      d.formatVersion = 2;
    },
  },
  {
    name: 'a base URL that is not http',
    path: 'baseUrl',
    edit: (d) => {
      d.baseUrl = 'ftp://acme.example';
    },
  },
  {
    name: 'an unknown auth type',
    path: 'auth.type',
    edit: (d) => {
      d.auth = { type: 'digest' };
    },
  },
  {
    name: 'an API key without its name',
    path: 'auth.name',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'header' };
    },
  },
  {
    name: 'an API key in a cookie',
    path: 'auth.in',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'cookie', name: 'k' };
    },
  },
  {
    name: 'OAuth2 without a token URL',
    path: 'auth.tokenUrl',
    edit: (d) => {
      d.auth = { type: 'oauth2_client_credentials', scopes: [] };
    },
  },
  {
    name: 'an OAuth2 token URL placeholder that is not a setting',
    path: 'auth.tokenUrl',
    edit: (d) => {
      d.auth = { type: 'oauth2_client_credentials', tokenUrl: 'https://login.example/{{ tenant }}/token' };
    },
  },
  {
    name: 'an unknown OAuth2 client authentication',
    path: 'auth.clientAuth',
    edit: (d) => {
      d.auth = { type: 'oauth2_client_credentials', tokenUrl: 'https://login.example/token', clientAuth: 'jwt' };
    },
  },
  {
    name: 'an e-mail on an HTTP action',
    path: 'actions.lookup.email',
    edit: (d) => {
      action(d, 'lookup').email = { to: '{{ ip }}', subject: 'x' };
    },
  },
  {
    name: 'an SMTP connector with an https base URL and without its settings or e-mails',
    path: 'settings.required',
    edit: (d) => {
      d.transport = 'smtp';
      d.auth = { type: 'basic' };
    },
  },
  {
    name: 'an smtp:// base URL on an HTTP connector',
    path: 'baseUrl',
    edit: (d) => {
      d.baseUrl = 'smtp://{{ tenant }}:25';
    },
  },
  {
    name: 'a further step whose path uses an undeclared param',
    path: 'actions.block.then.0.path',
    edit: (d) => {
      action(d, 'block').then = [{ method: 'DELETE', path: '/v1/x/{{ name }}' }];
    },
  },
  {
    name: 'a captured value used by the request that captures it',
    path: 'actions.block.path',
    edit: (d) => {
      action(d, 'block').path = '/v1/blocks/{{ hostId }}';
      action(d, 'block').capture = { hostId: { pointer: '/id', missing: 'none' } };
      action(d, 'block').then = [{ method: 'POST', path: '/v1/hosts/{{ hostId }}' }];
    },
  },
  {
    name: 'a captured value no later request uses',
    path: 'actions.block.then.0.capture.hostId',
    edit: (d) => {
      action(d, 'block').then = [
        { method: 'POST', path: '/v1/x', capture: { hostId: { pointer: '/id', missing: 'none' } } },
      ];
    },
  },
  {
    name: 'a captured value named like a param',
    path: 'actions.block.capture.ip',
    edit: (d) => {
      action(d, 'block').capture = { ip: { pointer: '/id', missing: 'none' } };
      action(d, 'block').then = [{ method: 'POST', path: '/v1/hosts/{{ ip }}' }];
    },
  },
  {
    name: 'a capture whose message uses an undeclared param',
    path: 'actions.block.capture.hostId.missing',
    edit: (d) => {
      action(d, 'block').capture = { hostId: { pointer: '/id', missing: 'no {{ who }}' } };
      action(d, 'block').then = [{ method: 'POST', path: '/v1/hosts/{{ hostId }}' }];
    },
  },
  {
    name: 'a capture pointer that is not a JSON Pointer',
    path: 'actions.block.capture.hostId.pointer',
    edit: (d) => {
      action(d, 'block').capture = { hostId: { pointer: 'resources[0]', missing: 'none' } };
      action(d, 'block').then = [{ method: 'POST', path: '/v1/hosts/{{ hostId }}' }];
    },
  },
  {
    name: 'an unknown wait header form',
    path: 'retryAfter.form',
    edit: (d) => {
      d.retryAfter = { header: 'X-RateLimit-RetryAfter', form: 'epoch_ms' };
    },
  },
  {
    name: 'a "done" answer that is a 2xx',
    path: 'actions.block.done.0.status',
    edit: (d) => {
      action(d, 'block').done = [{ status: 200 }];
    },
  },
  {
    name: 'a rate limit per "minute"',
    path: 'rateLimit.per',
    edit: (d) => {
      d.rateLimit = { requests: 1, per: 'minute' };
    },
  },
  {
    name: 'a retryable status of 200',
    path: 'retryableStatuses.0',
    edit: (d) => {
      d.retryableStatuses = [200];
    },
  },
  {
    name: 'no actions',
    path: 'actions',
    edit: (d) => {
      d.actions = {};
    },
  },
  {
    name: 'an action id with a dash',
    path: 'actions.look-up',
    edit: (d) => {
      (d.actions as Record<string, unknown>)['look-up'] = action(d, 'lookup');
    },
  },
  {
    name: 'an unknown effect',
    path: 'actions.lookup.effect',
    edit: (d) => {
      action(d, 'lookup').effect = 'none';
    },
  },
  {
    name: 'a lower-case method',
    path: 'actions.lookup.method',
    edit: (d) => {
      action(d, 'lookup').method = 'get';
    },
  },
  {
    name: 'a path without a leading slash',
    path: 'actions.lookup.path',
    edit: (d) => {
      action(d, 'lookup').path = 'v1/x';
    },
  },
  {
    name: 'params that are not an object schema',
    path: 'actions.lookup.params.type',
    edit: (d) => {
      (params(d, 'lookup') as Record<string, unknown>).type = 'array';
    },
  },
  {
    name: 'an unknown target kind',
    path: 'actions.lookup.target.kind',
    edit: (d) => {
      action(d, 'lookup').target = { param: 'ip', kind: 'mac' };
    },
  },
  {
    name: 'an idempotency header with a space',
    path: 'actions.block.idempotency',
    edit: (d) => {
      action(d, 'block').idempotency = 'Idem Key';
    },
  },
  {
    name: 'an action without its example',
    path: 'actions.lookup.example',
    edit: (d) => {
      action(d, 'lookup').example = undefined;
    },
  },
  {
    name: 'an unknown key on an action',
    path: 'actions.lookup',
    edit: (d) => {
      action(d, 'lookup').timeout = '5s';
    },
  },
  // Checks across fields.
  {
    name: 'a path placeholder that is not declared',
    path: 'actions.lookup.path',
    edit: (d) => {
      action(d, 'lookup').path = '/v1/addresses/{{ address }}';
    },
  },
  {
    name: 'a path placeholder that is optional',
    path: 'actions.lookup.path',
    edit: (d) => {
      action(d, 'lookup').path = '/v1/{{ verbose }}';
    },
  },
  {
    name: 'a query placeholder that is not declared',
    path: 'actions.lookup.query.verbose',
    edit: (d) => {
      action(d, 'lookup').query = { verbose: '{{ loud }}' };
    },
  },
  {
    name: 'a header placeholder that is not declared',
    path: 'actions.block.headers.X-Reason',
    edit: (d) => {
      action(d, 'block').headers = { 'X-Reason': '{{ why }}' };
    },
  },
  {
    name: 'a body placeholder deep in an array',
    path: 'actions.block.body.tags.1',
    edit: (d) => {
      action(d, 'block').body = { tags: ['soar', '{{ label }}'] };
    },
  },
  {
    name: 'a placeholder with an expression',
    path: 'actions.lookup.path',
    edit: (d) => {
      action(d, 'lookup').path = '/v1/addresses/{{ $uppercase(ip) }}';
    },
  },
  {
    name: 'a placeholder reading the event',
    path: 'actions.lookup.query.verbose',
    edit: (d) => {
      action(d, 'lookup').query = { verbose: '{{ event.verbose }}' };
    },
  },
  {
    name: 'a placeholder left open',
    path: 'actions.lookup.path',
    edit: (d) => {
      action(d, 'lookup').path = '/v1/addresses/{{ ip';
    },
  },
  {
    name: 'a base URL placeholder an action lacks',
    path: 'actions.block.params',
    edit: (d) => void params(d, 'block').required.splice(0, 1),
  },
  {
    name: 'a base URL placeholder whose setting is optional',
    path: 'settings.required',
    edit: (d) => {
      d.settings = { type: 'object', properties: { tenant: { type: 'string' } } };
    },
  },
  {
    name: 'a required setting that is not declared',
    path: 'settings.required',
    edit: (d) => {
      d.settings = { type: 'object', properties: {}, required: ['host'] };
    },
  },
  {
    name: 'settings that are not an object schema',
    path: 'settings.type',
    edit: (d) => {
      d.settings = { type: 'array', properties: {} };
    },
  },
  {
    name: 'a required param that is not declared',
    path: 'actions.lookup.params.required',
    edit: (d) => void params(d, 'lookup').required.push('port'),
  },
  {
    name: 'a destructive action without a target',
    path: 'actions.block.target',
    edit: (d) => {
      action(d, 'block').target = undefined;
    },
  },
  {
    name: 'a target param that is optional',
    path: 'actions.lookup.target.param',
    edit: (d) => {
      action(d, 'lookup').target = { param: 'verbose', kind: 'ip' };
    },
  },
  {
    name: 'a health action that does not exist',
    path: 'healthAction.action',
    edit: (d) => {
      d.healthAction = { action: 'ping' };
    },
  },
  {
    name: 'a destructive health action',
    path: 'healthAction.action',
    edit: (d) => {
      d.healthAction = { action: 'block', params: { tenant: 't', ip: '192.0.2.1' } };
    },
  },
  {
    name: 'a health action missing a required param',
    path: 'healthAction.params.ip',
    edit: (d) => {
      d.healthAction = { action: 'lookup', params: { tenant: 't' } };
    },
  },
  {
    name: 'an auth choice read from an undeclared setting',
    path: 'authChoice.setting',
    edit: (d) => {
      d.authChoice = { setting: 'auth', options: { bearer: { type: 'bearer' } } };
    },
  },
  {
    name: 'an API key header named by an undeclared setting',
    path: 'auth.nameSetting',
    edit: (d) => {
      d.auth = { type: 'api_key', in: 'header', name: 'X-Key', nameSetting: 'header' };
    },
  },
  {
    name: 'OAuth2 among the choices of a credential',
    path: 'authChoice.options.oauth',
    edit: (d) => {
      d.settings = { type: 'object', properties: { auth: { type: 'string' } } };
      d.authChoice = {
        setting: 'auth',
        options: { oauth: { type: 'oauth2_client_credentials', tokenUrl: 'https://login.example/token' } },
      };
    },
  },
  {
    name: 'a route whose path param is optional',
    path: 'actions.block.route.path',
    edit: (d) => {
      params(d, 'block').properties['where'] = { type: 'string' };
      action(d, 'block').route = { path: 'where' };
    },
  },
  {
    name: 'a route whose method param is not declared',
    path: 'actions.block.route.method',
    edit: (d) => {
      action(d, 'block').route = { path: 'ip', method: 'verb' };
    },
  },
  {
    name: 'the run id in the base URL',
    path: 'baseUrl',
    edit: (d) => {
      d.baseUrl = 'https://{{ context.runId }}.acme.example';
    },
  },
  {
    name: 'an unknown context value in a body',
    path: 'actions.block.body.x',
    edit: (d) => {
      action(d, 'block').body = { x: '{{ context.secret }}' };
    },
  },
];

describe('connector definitions', () => {
  it.each(VALID)('when the definition has $name then it parses', ({ edit }) => {
    const d = sampleConnector();
    edit(d);
    const r = ConnectorDefinition.safeParse(d);
    expect(r.error?.issues ?? []).toEqual([]);
  });

  it.each(INVALID)('when the definition has $name then it is refused at $path', ({ path, edit }) => {
    const d = sampleConnector();
    edit(d);
    const r = ConnectorDefinition.safeParse(d);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('when a 2xx failure rule leaves out its auth codes then none are auth codes', () => {
    const d = sampleConnector();
    d.errorWhen = { field: 'ok', equals: false };
    expect(ConnectorDefinition.parse(d).errorWhen).toEqual({ field: 'ok', equals: false, authCodes: [] });
  });

  it('when defaults are left out then retries cover 429 and gateway errors and actions send no idempotency key', () => {
    const d = ConnectorDefinition.parse(sampleConnector());
    expect(d.retryableStatuses).toEqual([429, 502, 503, 504]);
    expect(d.actions['lookup']?.idempotency).toBe('none');
    expect(d.actions['block']?.idempotency).toBe('Idempotency-Key');
  });
});

describe('connector auth types', () => {
  it('when the auth union is listed then its types are exactly ConnectorAuthType', () => {
    expect(ConnectorAuth.options.map((o) => o.shape.type.value)).toEqual(ConnectorAuthType.options);
  });
});

describe('connector templates', () => {
  it('when a template has text and placeholders then it names the params in order', () => {
    expect(templateParams('/v1/{{ a }}/x/{{b}}?{{ a }}')).toEqual({
      names: ['a', 'b', 'a'],
      context: [],
      problems: [],
    });
  });

  it('when a placeholder holds an expression then it is a problem naming its position', () => {
    const scan = templateParams('/v1/{{ steps.x.output }}');
    expect(scan.names).toEqual([]);
    expect(scan.problems).toEqual([
      '{{ steps.x.output }} at 6: a connector placeholder holds a param name (or context.runId, context.idempotencyKey) only',
    ]);
  });
});
