/** Fixtures for the connectors page tests: ACME IdP 1.0.0 and 1.1.0 (suspend_user turns destructive), usages. */
import type { ConnectorListItem, ConnectorUsages } from '@autonomic/api';
import { ConnectorDefinition } from '@autonomic/workflow';

export function idp(version: '1.0.0' | '1.1.0') {
  const params = { type: 'object', properties: { username: { type: 'string' } }, required: ['username'] };
  const action = (title: string, effect: string, method: string, path: string) => ({
    title,
    description: title,
    effect,
    method,
    path,
    params,
    response: { type: 'object' },
    target: { param: 'username', kind: 'user' },
    example: {},
  });
  return ConnectorDefinition.parse({
    formatVersion: 1,
    id: 'acme-idp',
    name: 'ACME IdP',
    vendor: 'ACME',
    version,
    description: 'Identity provider.',
    baseUrl: 'https://idp.acme.example',
    auth: { type: 'bearer' },
    actions: {
      lookup_user: action('Look up a user', 'read', 'GET', '/users/{{ username }}'),
      suspend_user: action(
        'Suspend a user',
        version === '1.0.0' ? 'write' : 'destructive',
        'POST',
        '/users/{{ username }}/suspend',
      ),
      ...(version === '1.1.0'
        ? { unlock_user: action('Unlock a user', 'write', 'POST', '/users/{{ username }}/unlock') }
        : {}),
    },
  });
}

const info = (version: string) => ({
  version,
  status: 'installed' as const,
  destructiveActions: version === '1.1.0' ? ['suspend_user'] : [],
  createdById: '0190a1b2-0000-7000-8000-0000000000aa',
  createdAt: '2026-12-01T10:00:00.000Z',
  reviewedById: null,
  reviewedAt: null,
});

/** `GET /api/connectors`: ACME IdP (custom, two installed versions) and a built-in. */
export const connectorList: { connectors: ConnectorListItem[] } = {
  connectors: [
    {
      id: 'acme-idp',
      name: 'ACME IdP',
      vendor: 'ACME',
      version: '1.1.0',
      description: 'Identity provider.',
      authType: 'bearer',
      actions: [
        { id: 'lookup_user', title: 'Look up a user', effect: 'read', targetKind: 'user' },
        { id: 'suspend_user', title: 'Suspend a user', effect: 'destructive', targetKind: 'user' },
      ],
      source: 'custom',
      versions: [info('1.0.0'), info('1.1.0')],
    },
    {
      id: 'abuseipdb',
      name: 'AbuseIPDB',
      vendor: 'AbuseIPDB',
      version: '2.0.0',
      description: 'IP reputation.',
      authType: 'api_key',
      actions: [{ id: 'check_ip', title: 'Check IP', effect: 'read', targetKind: 'ip' }],
      source: 'builtin',
      versions: [{ ...info('2.0.0'), createdById: null, createdAt: null }],
    },
  ],
};

export const SUSPEND_WF = '0190a1b2-0000-7000-8000-000000000101';
export const OTHER_WF = '0190a1b2-0000-7000-8000-000000000102';

/** `GET /api/connectors/acme-idp/usages`: two workflows on 1.0.0 (one the caller may edit), none on 1.1.0. */
export const idpUsages: ConnectorUsages = {
  connectorId: 'acme-idp',
  newestVersion: '1.1.0',
  versions: [
    {
      version: '1.0.0',
      installed: true,
      usages: [
        {
          workflowId: SUSPEND_WF,
          slug: 'suspend-account',
          name: 'Suspend a phished account',
          number: 1,
          status: 'published',
          published: true,
          latest: true,
          steps: [
            { stepId: 'lookup', action: 'lookup_user' },
            { stepId: 'suspend', action: 'suspend_user' },
          ],
          canEdit: true,
        },
        {
          workflowId: OTHER_WF,
          slug: 'someone-elses',
          name: "Someone else's playbook",
          number: 3,
          status: 'draft',
          published: false,
          latest: true,
          steps: [{ stepId: 'find', action: 'lookup_user' }],
          canEdit: false,
        },
      ],
    },
    { version: '1.1.0', installed: true, usages: [] },
  ],
};

/** What the upgrade route answers: draft v2 of the workflow. */
export function upgraded(workflowId: string, number: number) {
  return {
    created: true,
    version: {
      id: '0190a1b2-0000-7000-8000-000000000201',
      workflowId,
      number,
      contentHash: 'ab'.repeat(32),
      status: 'draft',
      changeNote: 'Upgrade acme-idp to 1.1.0',
      createdAt: '2026-12-06T05:00:00.000Z',
      author: { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U' },
    },
    problems: [],
    upgraded: [{ stepId: 'suspend', action: 'suspend_user', from: '1.0.0', to: '1.1.0' }],
  };
}
