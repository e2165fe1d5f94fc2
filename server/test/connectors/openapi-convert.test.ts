/**
 * OpenAPI import, the conversion alone (no database): a vendor's document read as JSON or
 * YAML, internal $refs inlined with recursion cut, external $refs refused, the operations
 * listed with their params, bodies and answers, security schemes mapped to connector auth
 * or reported, the chosen operations turned into a definition that passes the schema and
 * the runtime checks, and what cannot be mapped reported per operation, never dropped.
 */
import { ConnectorDefinition } from '@autonomic/workflow';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import { runtimeProblems } from '../../src/services/custom-connectors/checks';
import { openApiDefinition, previewOpenApi } from '../../src/services/custom-connectors/openapi';
import { OpenApiDocumentError, readOpenApiDocument } from '../../src/services/custom-connectors/openapi-document';
import { SENTINEL_YAML } from './openapi-support';

type Doc = Record<string, unknown>;
const sentinel = () => yaml.load(SENTINEL_YAML) as Doc;
const json = (doc: Doc) => JSON.stringify(doc);
const op = (key: string) => previewOpenApi(SENTINEL_YAML).operations.find((o) => o.key === key);

/** A minimal 3.x document with `paths` and `components`. */
function minimal(paths: Doc, more: Doc = {}, version = '3.1.0'): string {
  return json({
    openapi: version,
    info: { title: 'Mini', version: '1.0.0' },
    servers: [{ url: 'https://api.mini.example' }],
    paths,
    ...more,
  });
}
const getOk = (schema: unknown, extra: Doc = {}) => ({
  get: {
    operationId: 'read',
    responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
    ...extra,
  },
});

/** The details of the ValidationError `fn` throws. */
function refused(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).details;
  }
  throw new Error('expected a ValidationError');
}

describe('reading the document', () => {
  it('when the same document is given as YAML and as JSON then the previews are equal', () => {
    expect(previewOpenApi(json(sentinel()))).toEqual(previewOpenApi(SENTINEL_YAML));
  });

  it('when the document is previewed then its info, servers and operations are listed as the import would use them', () => {
    const p = previewOpenApi(SENTINEL_YAML);

    expect(p).toMatchObject({ title: 'ACME Sentinel API', version: '2.4.0', connectorId: 'acme-sentinel-api' });
    expect(p.baseUrl).toBe('https://{{ tenant }}.sentinel.acme.example/api/v2');
    expect(p.settings).toEqual(['tenant']);
    expect(p.operations.map((o) => [o.key, o.actionId, o.effect])).toEqual([
      ['GET /status', 'get_status', 'read'],
      ['GET /hosts/{hostname}', 'get_host', 'read'],
      ['POST /hosts/{hostname}/isolate', 'isolate_host', 'write'],
      ['GET /alerts', 'list_alerts', 'read'],
      ['DELETE /alerts/{id}', 'delete_alerts_by_id', 'write'],
      ['POST /alerts/{id}/attachments', 'add_attachment', 'write'],
    ]);
    expect(op('GET /alerts')?.params).toEqual([
      { name: 'status', source: 'status', in: 'query', required: false, type: 'string' },
      { name: 'limit', source: 'limit', in: 'query', required: false, type: 'integer' },
      { name: 'X_Request_Id', source: 'X-Request-Id', in: 'header', required: false, type: 'string' },
    ]);
  });

  it.each([
    ['a file', './common.yaml#/components/schemas/Host'],
    ['a URL', 'https://169.254.169.254/latest/meta-data'],
  ])('when a $ref points at %s then the document is refused naming where, and nothing is fetched', (_what, ref) => {
    const doc = sentinel();
    const schemas = (doc['components'] as Doc)['schemas'] as Doc;
    schemas['Host'] = { $ref: ref };

    const details = refused(() => previewOpenApi(json(doc)));

    expect(details).toEqual([
      {
        path: 'body.document',
        message: expect.stringMatching(
          /^components\.schemas\.Host\.\$ref: .* points outside the document: external references are refused, never fetched/,
        ),
      },
    ]);
  });

  it.each([
    ['Swagger 2.0', json({ swagger: '2.0', info: {}, paths: {} }), 'openapi: Swagger 2.0 is not supported'],
    ['not JSON', '{ "openapi": "3.0.0", ', '(root): not valid JSON'],
    ['broken YAML', 'openapi: 3.0.0\ninfo:\n  title: [unclosed\n', '(root): neither JSON nor valid YAML'],
    ['a list', '[1, 2]', '(root): an OpenAPI document is an object'],
    ['OpenAPI 4', json({ openapi: '4.0.0', info: {}, paths: {} }), 'openapi: an OpenAPI 3.0 or 3.1 document'],
  ])('when the document is %s then it is refused with a 400 naming body.document and where', (_what, text, start) => {
    const details = refused(() => previewOpenApi(text));

    expect(details[0]?.path).toBe('body.document');
    expect(details[0]?.message.startsWith(start)).toBe(true);
  });

  it('when YAML is broken then the message gives the line', () => {
    expect(() => readOpenApiDocument('openapi: 3.0.0\ninfo:\n  title: [unclosed\n')).toThrow(/at line \d+, column \d+/);
  });

  it('when a YAML alias is repeated many times then reading stays linear (each object walked once)', () => {
    const lines = ['openapi: 3.1.0', 'info: { title: Bomb, version: "1" }', 'x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'];
    for (let i = 1; i <= 20; i++)
      lines.push(
        `x-${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const start = Date.now();

    const doc = readOpenApiDocument(lines.join('\n'));

    expect(doc.dialect).toBe('3.1');
    expect(Date.now() - start).toBeLessThan(2_000);
  });
});

describe('schemas', () => {
  it('when the response schema refers to itself then it is inlined, cut where it recurs, and the cut is reported', () => {
    const { definition } = openApiDefinition({
      document: SENTINEL_YAML,
      connector: { id: 'acme-sentinel' },
      operations: [{ key: 'GET /hosts/{hostname}', effect: 'read' }],
    });
    const response = definition.actions['get_host']?.response as Doc;

    expect(JSON.stringify(definition)).not.toContain('$ref');
    expect((response['properties'] as Doc)['owner']).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' } },
    });
    expect((response['properties'] as Doc)['related']).toEqual({ type: 'array', items: {} });
    expect(op('GET /hosts/{hostname}')?.notes).toContain(
      'the recursive schema Host is cut where it refers to itself: from there any value is accepted',
    );
  });

  it('when two schemas refer to each other then both are inlined once and the definition is finite JSON', () => {
    const doc = minimal(
      { '/x': getOk({ $ref: '#/components/schemas/A' }) },
      {
        components: {
          schemas: {
            A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
            B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
          },
        },
      },
    );

    const { definition } = openApiDefinition({
      document: doc,
      connector: { id: 'mini' },
      operations: [{ key: 'GET /x', effect: 'read' }],
    });

    expect(definition.actions['read']?.response).toEqual({
      type: 'object',
      properties: { b: { type: 'object', properties: { a: {} } } },
    });
  });

  it('when the answer is a long chain of distinct schemas then it is cut at a bounded depth, reported, and the generated example fits', () => {
    const schemas = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `Node${i}`,
        {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string' }, next: { $ref: `#/components/schemas/Node${i + 1}` } },
        },
      ]),
    );
    const doc = minimal({ '/x': getOk({ $ref: '#/components/schemas/Node0' }) }, { components: { schemas } });

    const { definition, report } = openApiDefinition({
      document: doc,
      connector: { id: 'mini' },
      operations: [{ key: 'GET /x', effect: 'read' }],
    });

    expect(runtimeProblems(definition)).toEqual([]);
    expect(JSON.stringify(definition.actions['read']?.response).length).toBeLessThan(4_000);
    expect(report.actions[0]?.notes).toEqual([
      expect.stringMatching(/nests deeper than 16 levels: deeper parts accept any value$/),
    ]);
  });

  it("when a 3.0 schema says nullable, a boolean exclusiveMinimum and an example then they become JSON Schema 2020-12's forms", () => {
    const { definition } = openApiDefinition({
      document: SENTINEL_YAML,
      connector: { id: 'acme-sentinel' },
      operations: [{ key: 'GET /alerts', effect: 'read' }],
    });
    const action = definition.actions['list_alerts'];
    const props = action?.params.properties as Record<string, Doc>;

    expect(props['status']).toEqual({ type: ['string', 'null'], enum: ['open', 'closed', null] });
    expect(props['limit']).toEqual({ type: 'integer', exclusiveMinimum: 0, maximum: 500 });
    expect((((action?.response as Doc)['items'] as Doc)['properties'] as Doc)['note']).toEqual({
      type: ['string', 'null'],
    });
  });

  it('when a parameter $ref chain loops then that operation is listed as unsupported with the reason, and the others still import', () => {
    const doc = minimal(
      {
        '/loop': {
          get: { parameters: [{ $ref: '#/components/parameters/P' }], responses: { '204': { description: 'x' } } },
        },
        '/fine': getOk({ type: 'object' }),
      },
      {
        components: {
          parameters: { P: { $ref: '#/components/parameters/Q' }, Q: { $ref: '#/components/parameters/P' } },
        },
      },
    );

    const p = previewOpenApi(doc);

    expect(p.operations.find((o) => o.key === 'GET /loop')).toMatchObject({
      supported: false,
      notes: [expect.stringMatching(/^cannot be imported: .*refers back to itself/)],
    });
    expect(p.operations.find((o) => o.key === 'GET /fine')?.supported).toBe(true);
  });

  it('when a pattern is not one RE2 runs then it is left out of the schema and reported', () => {
    const doc = minimal({ '/x': getOk({ type: 'string', pattern: '^(?=.*[a-z]).+$' }) });

    const { definition } = openApiDefinition({
      document: doc,
      connector: { id: 'mini' },
      operations: [{ key: 'GET /x', effect: 'read' }],
    });

    expect(definition.actions['read']?.response).toEqual({ type: 'string' });
    expect(previewOpenApi(doc).operations[0]?.notes).toEqual([
      expect.stringContaining('is not one the server runs (RE2): it is not checked'),
    ]);
  });
});

describe('auth and names', () => {
  const withScheme = (scheme: Doc) =>
    previewOpenApi(
      minimal(
        { '/x': getOk({}) },
        { components: { securitySchemes: { S: scheme } }, security: [{ S: ['read:hosts'] }] },
      ),
    );

  it.each([
    [
      { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      { type: 'api_key', in: 'header', name: 'X-Api-Key' },
    ],
    [
      { type: 'apiKey', in: 'query', name: 'api_key' },
      { type: 'api_key', in: 'query', name: 'api_key' },
    ],
    [{ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, { type: 'bearer' }],
    [{ type: 'http', scheme: 'Basic' }, { type: 'basic' }],
    [
      {
        type: 'oauth2',
        flows: {
          clientCredentials: {
            tokenUrl: 'https://login.mini.example/token',
            scopes: { 'read:hosts': 'r', 'write:hosts': 'w' },
          },
        },
      },
      {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://login.mini.example/token',
        scopes: ['read:hosts'],
        clientAuth: 'client_secret_basic',
      },
    ],
  ])('when the scheme is %o then the connector auth is %o', (scheme, auth) => {
    const text = minimal(
      { '/x': getOk({}) },
      { components: { securitySchemes: { S: scheme } }, security: [{ S: ['read:hosts'] }] },
    );

    const { definition } = openApiDefinition({
      document: text,
      connector: { id: 'mini' },
      operations: [{ key: 'GET /x', effect: 'read' }],
    });

    expect(definition.auth).toEqual(auth);
    expect(withScheme(scheme).auth).toMatchObject({
      chosen: 'S',
      schemes: [{ name: 'S', supported: true, authType: auth.type }],
    });
  });

  it.each([
    [{ type: 'apiKey', in: 'cookie', name: 'sid' }, 'a key in a cookie: connectors do not send cookies'],
    [{ type: 'http', scheme: 'digest' }, 'HTTP digest authentication is not one a connector sends'],
    [
      { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://x.example/a', scopes: {} } } },
      'needs a person to sign in',
    ],
    [
      { type: 'openIdConnect', openIdConnectUrl: 'https://x.example/.well-known' },
      'OpenID Connect needs a person to sign in',
    ],
    [{ type: 'mutualTLS' }, 'mutual TLS client certificates are not supported'],
  ])(
    'when the only scheme is %o then it is reported as unsupported and the connector sends no credential',
    (scheme, reason) => {
      const p = withScheme(scheme);

      expect(p.auth.chosen).toBeNull();
      expect(p.auth.schemes[0]).toMatchObject({ supported: false, detail: expect.stringContaining(reason) });
      expect(p.problems.map((x) => x.path)).toEqual(['components.securitySchemes.S', 'components.securitySchemes']);
    },
  );

  it('when an operation declares the key header as a parameter then it is not a param (the credential sends it)', () => {
    const doc = minimal(
      { '/x': getOk({}, { parameters: [{ name: 'x-api-key', in: 'header', schema: { type: 'string' } }] }) },
      { components: { securitySchemes: { K: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } } },
    );

    const [o] = previewOpenApi(doc).operations;

    expect(o?.params).toEqual([]);
    expect(o?.notes).toContain('the header x-api-key carries the credential, so it is not a param');
  });

  it('when an operation declares the query key as a parameter then it is not a param either', () => {
    const doc = minimal(
      {
        '/x': getOk({}, { parameters: [{ name: 'apikey', in: 'query', required: true, schema: { type: 'string' } }] }),
      },
      { components: { securitySchemes: { K: { type: 'apiKey', in: 'query', name: 'apikey' } } } },
    );

    const [o] = previewOpenApi(doc).operations;

    expect(o?.params).toEqual([]);
    expect(o?.notes).toContain('the query parameter apikey carries the credential, so it is not a param');
  });

  it('when a parameter or a body field is named __proto__ then it is left out with a note, not merged into the prototype', () => {
    const doc = json({
      openapi: '3.1.0',
      info: { title: 'Proto', version: '1.0.0' },
      servers: [{ url: 'https://api.proto.example' }],
      paths: {
        '/x': {
          post: {
            operationId: 'send',
            parameters: [{ name: '__proto__', in: 'query', schema: { type: 'string' } }],
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { ['__proto__']: { type: 'string' }, ok: { type: 'string' } } },
                },
              },
            },
            responses: { '204': { description: 'done' } },
          },
        },
      },
    });

    const { definition } = openApiDefinition({
      document: doc,
      connector: { id: 'proto' },
      operations: [{ key: 'POST /x', effect: 'write' }],
    });

    expect(Object.keys(definition.actions['send']?.params.properties ?? {})).toEqual(['ok']);
    expect(definition.actions['send']?.body).toEqual({ ok: '{{ ok }}' });
    expect(previewOpenApi(doc).operations[0]?.notes).toEqual([
      'the parameter __proto__ has a name this server does not accept: left out',
      'the body field __proto__ has a name this server does not accept: left out',
      'the 204 answer has no JSON schema: the response schema accepts anything ({})',
    ]);
  });
});

describe('servers', () => {
  it('when the server URL is relative then the base URL takes the host from a required setting, and it is reported', () => {
    const doc = json({
      openapi: '3.0.1',
      info: { title: 'Rel', version: 'x' },
      servers: [{ url: '/api' }],
      paths: { '/x': getOk({}) },
    });

    const p = previewOpenApi(doc);
    const { definition } = openApiDefinition({
      document: doc,
      connector: { id: 'rel' },
      operations: [{ key: 'GET /x', effect: 'read' }],
    });

    expect(p.baseUrl).toBe('https://{{ host }}/api');
    expect(p.problems[0]).toMatchObject({ path: 'servers.0.url', message: expect.stringContaining('is relative') });
    expect(definition.settings).toMatchObject({ required: ['host'] });
    expect(definition.version).toBe('1.0.0');
  });
});

describe('bodies and answers', () => {
  it('when an operation has a JSON body then its top-level fields are params (required carried, read-only left out) and a body template', () => {
    const { definition } = openApiDefinition({
      document: SENTINEL_YAML,
      connector: { id: 'acme-sentinel' },
      operations: [
        { key: 'POST /hosts/{hostname}/isolate', effect: 'destructive', target: { param: 'hostname', kind: 'host' } },
      ],
    });
    const action = definition.actions['isolate_host'];

    expect(action).toMatchObject({
      method: 'POST',
      path: '/hosts/{{ hostname }}/isolate',
      body: { reason: '{{ reason }}', duration_minutes: '{{ duration_minutes }}' },
      target: { param: 'hostname', kind: 'host' },
      effect: 'destructive',
    });
    expect(action?.params.required).toEqual(['hostname', 'reason']);
    expect(Object.keys(action?.params.properties ?? {})).toEqual(['hostname', 'reason', 'duration_minutes']);
    expect(op('POST /hosts/{hostname}/isolate')?.notes).toEqual([
      'the body field requestedAt is read-only (the vendor sets it): not a param',
    ]);
  });

  it('when no example is documented then one is generated from the schema and fits it', () => {
    const { definition } = openApiDefinition({
      document: SENTINEL_YAML,
      connector: { id: 'acme-sentinel' },
      operations: [{ key: 'POST /hosts/{hostname}/isolate', effect: 'write' }],
    });

    expect(definition.actions['isolate_host']?.example).toEqual({ id: 'example', status: 'pending' });
    expect(runtimeProblems(definition)).toEqual([]);
  });

  it('when a body is a form then it is sent as a form; a nested field, a multipart body, a cookie and callbacks are reported', () => {
    const doc = minimal({
      '/form': {
        post: {
          operationId: 'submitForm',
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['url'],
                  properties: { url: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
          responses: { '200': { description: 'ok', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
      '/multi': { options: { responses: { '200': { description: 'ok' } } } },
    });

    const p = previewOpenApi(doc);
    const { definition } = openApiDefinition({
      document: doc,
      connector: { id: 'mini' },
      operations: [{ key: 'POST /form', effect: 'write' }],
    });

    expect(definition.actions['submit_form']).toMatchObject({
      body: { url: '{{ url }}' },
      bodyType: 'form',
      response: {},
    });
    expect(p.operations[0]?.notes).toEqual([
      'the form field tags is a list: a form sends text only, so it is left out',
      'the request body is sent as a form (one level of text fields)',
      'the 200 answer is text/plain, not JSON: the response schema accepts anything ({}) and the action reads JSON',
    ]);
    expect(p.operations[1]).toMatchObject({
      key: 'OPTIONS /multi',
      supported: false,
      notes: ['OPTIONS is not a method a connector action sends'],
    });
    expect(op('POST /alerts/{id}/attachments')?.notes).toEqual([
      'the request body (multipart/form-data) is not JSON or a form: multipart uploads are not sent by the connector',
      'the 201 answer has no JSON schema: the response schema accepts anything ({})',
      'callbacks are not mapped: a connector action only sends its request and reads the answer',
    ]);
    expect(op('GET /alerts')?.notes).toEqual([
      'the cookie parameter session is not sent: connectors do not send cookies',
    ]);
  });

  it('when an operation is deprecated and names its own server then both are noted', () => {
    const doc = minimal({
      '/x': getOk({ type: 'object' }, { deprecated: true, servers: [{ url: 'https://eu.api.mini.example' }] }),
    });

    expect(previewOpenApi(doc).operations[0]?.notes).toEqual([
      'the vendor marks this operation deprecated',
      "the operation names servers of its own: the connector sends it to the connector's base URL",
    ]);
  });

  it('when a 3.1 document has webhooks then they are reported as not imported', () => {
    const doc = minimal(
      { '/x': getOk({}) },
      { webhooks: { alertRaised: { post: { responses: { '200': { description: 'ok' } } } } } },
    );

    expect(previewOpenApi(doc).problems).toContainEqual({
      path: 'webhooks.alertRaised',
      message: 'a webhook is a call the vendor makes, not one a connector sends: not imported',
    });
  });
});

describe('the chosen operations as a definition', () => {
  it('when every supported operation of the sentinel document is chosen then the definition passes the schema and the runtime checks', () => {
    const choices = previewOpenApi(SENTINEL_YAML).operations.map((o) => ({
      key: o.key,
      effect: o.effect,
      ...(o.key.includes('isolate')
        ? { effect: 'destructive' as const, target: { param: 'hostname', kind: 'host' as const } }
        : {}),
    }));

    const { definition, report } = openApiDefinition({
      document: SENTINEL_YAML,
      connector: { id: 'acme-sentinel', version: '1.0.0' },
      operations: choices,
      healthAction: 'get_status',
    });

    expect(ConnectorDefinition.safeParse(JSON.parse(JSON.stringify(definition))).success).toBe(true);
    expect(runtimeProblems(definition)).toEqual([]);
    expect(definition).toMatchObject({
      id: 'acme-sentinel',
      name: 'ACME Sentinel API',
      vendor: 'ACME Security',
      version: '1.0.0',
      auth: { type: 'api_key', in: 'header', name: 'X-Api-Key' },
      settings: { required: ['tenant'], properties: { tenant: { default: 'demo' } } },
      healthAction: { action: 'get_status' },
    });
    expect(definition.actions['list_alerts']).toMatchObject({
      query: { status: '{{ status }}', limit: '{{ limit }}' },
      headers: { 'X-Request-Id': '{{ X_Request_Id }}' },
    });
    expect(report.actions.map((a) => [a.actionId, a.effect, a.notes.length > 0])).toEqual([
      ['get_status', 'read', false],
      ['get_host', 'read', true],
      ['isolate_host', 'destructive', true],
      ['list_alerts', 'read', true],
      ['delete_alerts_by_id', 'write', true],
      ['add_attachment', 'write', true],
    ]);
    expect(report.problems.map((p) => p.path)).toEqual(['servers', 'components.securitySchemes.PartnerLogin']);
  });

  it('when two operations have the same operationId then the second action id gets a suffix', () => {
    const doc = minimal({ '/a': getOk({}), '/b': getOk({}) });

    expect(previewOpenApi(doc).operations.map((o) => o.actionId)).toEqual(['read', 'read_2']);
  });

  it.each([
    ['an operation the document lacks', [{ key: 'GET /nope', effect: 'read' }], {}, 'body.operations.0.key'],
    [
      'a destructive operation without a target',
      [{ key: 'POST /hosts/{hostname}/isolate', effect: 'destructive' }],
      {},
      'body.operations.0.target',
    ],
    [
      'a target that is not a required param',
      [
        {
          key: 'POST /hosts/{hostname}/isolate',
          effect: 'destructive',
          target: { param: 'duration_minutes', kind: 'host' },
        },
      ],
      {},
      'body.operations.0.target.param',
    ],
    [
      'two operations given one action id',
      [
        { key: 'GET /status', effect: 'read', actionId: 'same' },
        { key: 'GET /alerts', effect: 'read', actionId: 'same' },
      ],
      {},
      'body.operations.1.actionId',
    ],
    [
      'a health action that needs params',
      [{ key: 'GET /hosts/{hostname}', effect: 'read' }],
      { healthAction: 'get_host' },
      'body.healthAction',
    ],
    [
      'a health action that writes',
      [{ key: 'DELETE /alerts/{id}', effect: 'write' }],
      { healthAction: 'delete_alerts_by_id' },
      'body.healthAction',
    ],
  ] as const)(
    'when the import names %s then it is refused with a 400 naming that field',
    (_what, operations, more, field) => {
      const details = refused(() =>
        openApiDefinition({
          document: SENTINEL_YAML,
          connector: { id: 'acme-sentinel' },
          operations: operations.map((o) => ({ ...o })),
          ...more,
        }),
      );

      expect(details.map((d) => d.path)).toEqual([field]);
    },
  );

  it('when the chosen connector id is not valid then the generated definition is refused naming body.connector.id', () => {
    const details = refused(() =>
      openApiDefinition({
        document: SENTINEL_YAML,
        connector: { id: 'Not A Slug' },
        operations: [{ key: 'GET /status', effect: 'read' }],
      }),
    );

    expect(details.map((d) => d.path)).toEqual(['body.connector.id']);
  });

  it('when the document says openapi 2.0 then reading it throws the document error naming openapi', () => {
    expect(() => readOpenApiDocument('openapi: "2.0"')).toThrow(OpenApiDocumentError);
    expect(() => readOpenApiDocument('openapi: "2.0"')).toThrow(/^openapi: /);
  });
});
