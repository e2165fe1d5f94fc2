/** GET /api/connectors and /api/connectors/:id over HTTP, with every reply checked against its contract. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorRoutes } from '../../src/http/routes/connectors';
import { createLiveConnectorCatalog } from '../../src/connectors/catalog';
import { createConnectorService } from '../../src/services/connectors';
import { createCustomConnectorService, loadStoredConnectors } from '../../src/services/custom-connectors';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let app: ReturnType<typeof testApp>['app'];
let manager: string;
beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const catalog = createLiveConnectorCatalog({
    load: () => loadStoredConnectors(ctx),
    now: Date.now,
    onError: () => {},
  });
  const routes = connectorRoutes({
    connectors: createConnectorService({ ctx }),
    custom: createCustomConnectorService(ctx, { catalog }),
  });
  app = testApp(ctx, [routes]).app;
  manager = (await createUser(db.prisma, 'manager')).auth;
});
afterAll(() => db.drop());

const get = (path: string) => request(app).get(`/api${path}`).set('authorization', manager);

describe('connector routes', () => {
  it('when the list is read then each connector shows its version, auth kind and actions with effect and target kind', async () => {
    const res = await get('/connectors').expect(200);

    const ids = res.body.connectors.map((c: { id: string; authType: string }) => [c.id, c.authType]);
    expect(ids).toEqual([
      ['abuseipdb', 'api_key'],
      ['virustotal', 'api_key'],
      ['slack', 'bearer'],
      ['jira', 'basic'],
      ['slack-webhook', 'webhook_url'],
      ['email-smtp', 'basic'],
      ['fortigate', 'bearer'],
      ['autonomic-gateway', 'bearer'],
      ['crowdstrike-falcon', 'oauth2_client_credentials'],
      ['microsoft-entra-id', 'oauth2_client_credentials'],
      ['servicenow', 'basic'],
      ['okta', 'api_key'],
      ['microsoft-defender-endpoint', 'oauth2_client_credentials'],
      ['splunk', 'bearer'],
      ['urlhaus', 'api_key'],
      ['pagerduty-events', 'api_key'],
      ['elasticsearch', 'api_key'],
      ['microsoft-teams', 'webhook_url'],
      ['opsgenie', 'api_key'],
    ]);
    expect(res.body.connectors[0]).toEqual({
      id: 'abuseipdb',
      name: 'AbuseIPDB',
      vendor: 'AbuseIPDB',
      version: '1.0.0',
      description: expect.any(String),
      authType: 'api_key',
      actions: [{ id: 'check_ip', title: 'Check IP reputation', effect: 'read', targetKind: 'ip' }],
      source: 'builtin',
      versions: [
        {
          version: '1.0.0',
          status: 'installed',
          destructiveActions: [],
          createdById: null,
          createdAt: null,
          reviewedById: null,
          reviewedAt: null,
        },
      ],
    });
    const vt = res.body.connectors[1];
    expect(vt.actions.map((a: { id: string; targetKind?: string }) => [a.id, a.targetKind ?? null])).toEqual([
      ['ip_report', 'ip'],
      ['domain_report', 'domain'],
      ['url_report', null],
      ['file_report', 'hash'],
    ]);
  });

  it('when one connector is read then the full definition comes back with its schemas and examples', async () => {
    const res = await get('/connectors/virustotal').expect(200);

    expect(res.body).toMatchObject({ id: 'virustotal', auth: { type: 'api_key', in: 'header', name: 'x-apikey' } });
    expect(res.body.actions.file_report).toMatchObject({ path: '/api/v3/files/{{ hash }}', effect: 'read' });
    expect(res.body.actions.file_report.example.data.type).toBe('file');
  });

  it('when the connector does not exist then the answer is 404 not_found', async () => {
    const res = await get('/connectors/nope').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('when nobody is signed in then the list answers 401', async () => {
    await request(app).get('/api/connectors').expect(401);
  });

  it('when the OpenAPI document is built then it describes both routes', async () => {
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/connectors', '/api/connectors/{id}']));
  });
});
