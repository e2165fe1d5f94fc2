// @vitest-environment jsdom
import type { OpenApiPreview, UserSummary } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { ConnectorImportPage } from './ConnectorImportPage';

const DOC = 'openapi: 3.0.3\ninfo: { title: ACME Sentinel API, version: 2.4.0 }\npaths: {}\n';

const preview: OpenApiPreview = {
  title: 'ACME Sentinel API',
  version: '2.4.0',
  description: '',
  connectorId: 'acme-sentinel-api',
  baseUrl: 'https://{{ tenant }}.sentinel.acme.example/api/v2',
  settings: ['tenant'],
  servers: ['https://{tenant}.sentinel.acme.example/api/v2'],
  auth: {
    chosen: 'ApiKeyAuth',
    schemes: [
      {
        name: 'ApiKeyAuth',
        type: 'apiKey',
        authType: 'api_key',
        detail: 'the key in the header X-Api-Key',
        supported: true,
      },
      { name: 'PartnerLogin', type: 'oauth2', detail: 'needs a person to sign in', supported: false },
    ],
  },
  operations: [
    {
      key: 'GET /status',
      method: 'GET',
      path: '/status',
      operationId: 'getStatus',
      summary: 'API status',
      actionId: 'get_status',
      effect: 'read',
      params: [],
      requestBody: null,
      response: { status: '200', schema: true },
      supported: true,
      notes: [],
    },
    {
      key: 'POST /hosts/{hostname}/isolate',
      method: 'POST',
      path: '/hosts/{hostname}/isolate',
      operationId: 'isolateHost',
      summary: 'Isolate a host',
      actionId: 'isolate_host',
      effect: 'write',
      params: [
        { name: 'hostname', source: 'hostname', in: 'path', required: true, type: 'string' },
        { name: 'reason', source: 'reason', in: 'body', required: true, type: 'string' },
      ],
      requestBody: { contentType: 'application/json', mapped: true },
      response: { status: '202', schema: true },
      supported: true,
      notes: ['the body field requestedAt is read-only (the vendor sets it): not a param'],
    },
    {
      key: 'OPTIONS /hosts',
      method: 'OPTIONS',
      path: '/hosts',
      actionId: 'options_hosts',
      effect: 'write',
      params: [],
      requestBody: null,
      response: null,
      supported: false,
      notes: ['OPTIONS is not a method a connector action sends'],
    },
  ],
  problems: [{ path: 'components.securitySchemes.PartnerLogin', message: 'not supported: needs a person to sign in' }],
};

const result = {
  version: {
    connectorId: 'acme-sentinel',
    version: '1.0.0',
    status: 'pending_review',
    destructiveActions: ['isolate_host'],
    createdById: '0190a1b2-0000-7000-8000-000000000001',
    createdAt: '2026-12-06T05:00:00.000Z',
    reviewedById: null,
    reviewedAt: null,
  },
  definition: {
    formatVersion: 1,
    id: 'acme-sentinel',
    name: 'ACME Sentinel',
    vendor: 'ACME',
    version: '1.0.0',
    description: 'x',
    baseUrl: 'https://{{ tenant }}.sentinel.acme.example/api/v2',
    auth: { type: 'api_key', in: 'header', name: 'X-Api-Key' },
    settings: { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] },
    actions: {
      isolate_host: {
        title: 'Isolate a host',
        description: 'x',
        effect: 'destructive',
        method: 'POST',
        path: '/hosts/{{ hostname }}/isolate',
        body: { reason: '{{ reason }}' },
        params: {
          type: 'object',
          properties: { hostname: { type: 'string' }, reason: { type: 'string' } },
          required: ['hostname', 'reason'],
        },
        response: { type: 'object' },
        target: { param: 'hostname', kind: 'host' },
        example: {},
      },
    },
  },
  report: {
    actions: [
      {
        actionId: 'isolate_host',
        key: 'POST /hosts/{hostname}/isolate',
        effect: 'destructive',
        notes: ['the body field requestedAt is read-only (the vendor sets it): not a param'],
      },
    ],
    problems: [],
  },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

function signIn(role: UserSummary['role']) {
  const user = { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
}

/** The server: preview answers `preview`; import goes to `onImport`. */
function serve(onImport: (req: FakeRequest) => unknown) {
  return fakeServer((req) => {
    if (req.url === '/connectors/openapi/preview') return preview;
    if (req.url === '/connectors/openapi/import') return onImport(req);
    return undefined;
  });
}

function renderPage() {
  render(
    <MemoryRouter initialEntries={['/admin/connectors/import']}>
      <ConnectorImportPage />
    </MemoryRouter>,
  );
}

/** Uploads the document and previews it: the operations table once it is there. */
async function previewed() {
  const file = new File([DOC], 'sentinel.yaml', { type: 'application/yaml' });
  await userEvent.upload(screen.getByLabelText('Or upload a file'), file);
  expect(await screen.findByDisplayValue(/ACME Sentinel API/)).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
  return screen.findByRole('form', { name: 'Operations to import' });
}

/** Ticks the isolation, marks it destructive with target hostname (host). */
async function chooseIsolation(form: HTMLElement) {
  const key = 'POST /hosts/{hostname}/isolate';
  await userEvent.click(within(form).getByLabelText(`Import ${key}`));
  await userEvent.selectOptions(within(form).getByLabelText(`Effect of ${key}`), 'destructive');
  await userEvent.selectOptions(within(form).getByLabelText(`Target param of ${key}`), 'hostname');
  await userEvent.selectOptions(within(form).getByLabelText(`Target kind of ${key}`), 'host');
}

describe('the OpenAPI import page', () => {
  test('when a document is uploaded and previewed then its auth, problems and operations are shown, an unsupported one cannot be ticked', async () => {
    signIn('admin');
    const { requests } = serve(() => undefined);
    renderPage();

    const form = await previewed();

    expect(requests).toEqual([{ method: 'POST', url: '/connectors/openapi/preview', body: { document: DOC } }]);
    expect(within(form).getByTestId('preview-summary').textContent).toContain('PartnerLogin (oauth2): not supported');
    expect(within(form).getByRole('list', { name: 'Problems of the document' }).textContent).toBe(
      'Security scheme PartnerLogin: not supported: needs a person to sign in',
    );
    const isolate = within(form).getByTestId('operation-POST /hosts/{hostname}/isolate');
    expect(within(isolate).getByRole('list', { name: /Notes on/ }).textContent).toContain('read-only');
    expect(within(form).getByLabelText<HTMLInputElement>('Import OPTIONS /hosts').disabled).toBe(true);
    expect(within(form).getByLabelText<HTMLInputElement>('Connector id').value).toBe('acme-sentinel-api');
    expect(within(form).getByRole('button', { name: 'Import 0 operations' })).toHaveProperty('disabled', true);
  });

  test('when an operation is ticked, marked destructive with a target and imported then the request carries the choices and the page says who must review', async () => {
    signIn('admin');
    const { requests } = serve(() => result);
    renderPage();
    const form = await previewed();

    await chooseIsolation(form);
    await userEvent.click(within(form).getByLabelText('Import GET /status'));
    const id = within(form).getByLabelText('Connector id');
    await userEvent.clear(id);
    await userEvent.type(id, 'acme-sentinel');
    await userEvent.selectOptions(within(form).getByLabelText('Health action (test connection)'), 'get_status');
    await userEvent.click(within(form).getByRole('button', { name: 'Import 2 operations' }));

    const shown = await screen.findByTestId('import-result');
    expect(requests.at(-1)).toEqual({
      method: 'POST',
      url: '/connectors/openapi/import',
      body: {
        document: DOC,
        connector: { id: 'acme-sentinel', name: 'ACME Sentinel API', version: '2.4.0' },
        operations: [
          { key: 'GET /status', actionId: 'get_status', effect: 'read' },
          {
            key: 'POST /hosts/{hostname}/isolate',
            actionId: 'isolate_host',
            effect: 'destructive',
            target: { param: 'hostname', kind: 'host' },
          },
        ],
        healthAction: 'get_status',
      },
    });
    expect(within(shown).getByRole('status').textContent).toBe(
      'ACME Sentinel 1.0.0 (acme-sentinel) is awaiting review.',
    );
    expect(within(shown).getByTestId('who-reviews').textContent).toMatch(
      /a reviewer or another admin — not you — must approve/,
    );
    expect(within(shown).getByTestId('report-isolate_host').textContent).toContain('read-only');
  });

  test('when only reads are imported then the version is installed at once and nobody else needs to review it', async () => {
    signIn('admin');
    const installed = {
      ...result,
      version: { ...result.version, status: 'installed', destructiveActions: [] },
      report: { actions: [{ actionId: 'get_status', key: 'GET /status', effect: 'read', notes: [] }], problems: [] },
    };
    serve(() => installed);
    renderPage();
    const form = await previewed();

    await userEvent.click(within(form).getByLabelText('Import GET /status'));
    await userEvent.click(within(form).getByRole('button', { name: 'Import 1 operation' }));

    const shown = await screen.findByTestId('import-result');
    expect(within(shown).getByRole('status').textContent).toBe('ACME Sentinel 1.0.0 (acme-sentinel) is installed.');
    expect(within(shown).queryByTestId('who-reviews')).toBeNull();
    expect(within(shown).getByTestId('report-get_status').textContent).toContain('nothing');
  });

  test('when the server refuses a choice then its message is shown at that operation and nothing else changes', async () => {
    signIn('admin');
    serve(() => {
      throw new FakeReply(400, {
        error: {
          code: 'validation_failed',
          message: 'invalid import',
          details: [
            { path: 'body.operations.0.target', message: 'a destructive action names its target param and kind' },
          ],
        },
      });
    });
    renderPage();
    const form = await previewed();
    const key = 'POST /hosts/{hostname}/isolate';
    await userEvent.click(within(form).getByLabelText(`Import ${key}`));
    await userEvent.selectOptions(within(form).getByLabelText(`Effect of ${key}`), 'destructive');

    await userEvent.click(within(form).getByRole('button', { name: 'Import 1 operation' }));

    const row = within(form).getByTestId(`operation-${key}`);
    expect((await within(row).findByRole('alert')).textContent).toBe(
      'Target: a destructive action names its target param and kind',
    );
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  test('when the document is refused then the message naming where is shown at the document', async () => {
    signIn('admin');
    fakeServer(() => {
      throw new FakeReply(400, {
        error: {
          code: 'validation_failed',
          message: 'invalid OpenAPI document',
          details: [{ path: 'body.document', message: 'components.schemas.Host.$ref: points outside the document' }],
        },
      });
    });
    renderPage();
    await userEvent.click(screen.getByLabelText('OpenAPI document (JSON or YAML)'));
    await userEvent.paste(DOC);

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    const field = screen.getByLabelText('OpenAPI document (JSON or YAML)');
    expect(await screen.findByText('Schema Host › reference: points outside the document')).toBeTruthy();
    expect(screen.queryByText(/components\.schemas/)).toBeNull();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('form', { name: 'Operations to import' })).toBeNull();
  });

  test('when a non-admin opens it then it says only admins import connectors', () => {
    signIn('analyst');
    renderPage();
    expect(screen.getByTestId('admins-only').textContent).toBe('Only admins can import connectors.');
    expect(screen.queryByRole('button', { name: 'Preview' })).toBeNull();
  });
});
