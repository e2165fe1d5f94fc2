import { describe, expect, it } from 'vitest';
import { credentialSlug, legacyCredentials, splitLegacyUrl } from '../src/legacy-gateway';
import { validateDocument } from '../src/load';
import { migrateTo, migrateToLatest } from '../src/migrations';

/**
 * A format v1 playbook with every retired step type:
 *
 *   alert ─out→ block (block-ip, bearer) ─out→ isolate (isolate-host, no auth) ─out→ disable (disable-user, header)
 *                                           └─error→ page (notify email, subject) ─out→ done
 *   disable ─out→ chat (notify slack) ─out→ done
 */
function v1(): Record<string, unknown> {
  return {
    formatVersion: 1,
    metadata: { name: 'Contain' },
    trigger: { id: 'alert', type: 'trigger.webhook', params: {}, transitions: { out: ['block'] } },
    steps: {
      block: {
        type: 'block-ip',
        label: 'Block at the edge',
        params: {
          ip: '{{ event.ip }}',
          reason: 'score {{ event.score }}',
          duration: '24h',
          endpoint: {
            url: 'https://FW.example:8443/api/block?tenant={{ event.tenant }}',
            method: 'PUT',
            auth: { type: 'bearer', secret: 'FW.Token' },
          },
        },
        transitions: { out: ['isolate'], error: ['page'] },
        retry: { maxAttempts: 3 },
        timeout: '30s',
      },
      isolate: {
        type: 'isolate-host',
        params: { host: '{{ event.host }}', reason: 'malware', endpoint: { url: 'https://edr.example' } },
        transitions: { out: ['disable'] },
      },
      disable: {
        type: 'disable-user',
        params: {
          user: '{{ event.user }}',
          reason: 'phished',
          endpoint: {
            url: '{{ vars.idp }}/users/disable',
            method: 'DELETE',
            auth: { type: 'header', secret: 'idp_key', header: 'X-IdP-Key' },
          },
        },
        transitions: { out: ['chat'] },
      },
      page: {
        type: 'notify',
        params: { channel: 'email', to: 'soc@example.com', subject: 'Block failed', message: '{{ event.ip }}' },
        transitions: { out: ['done'] },
      },
      chat: {
        type: 'notify',
        params: { channel: 'slack', to: '#soc', message: 'Contained {{ event.host }}' },
        transitions: { out: ['done'] },
      },
      done: { type: 'end', params: {} },
    },
    vars: { idp: 'https://idp.example' },
    ui: { positions: { block: { x: 1, y: 2 }, page: { x: 3, y: 4 } }, notes: [] },
  };
}

function migrated(): Record<string, Record<string, unknown>> {
  const result = migrateToLatest(v1());
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return (result.value as { steps: Record<string, Record<string, unknown>> }).steps;
}

describe('format migration 1 → 2: retired step types become autonomic-gateway steps', () => {
  it('when a block-ip step with bearer auth is migrated then its params become the block_ip input and the secret names the credential', () => {
    expect(migrated()['block']).toEqual({
      type: 'connector',
      label: 'Block at the edge',
      params: {
        connector: 'autonomic-gateway',
        version: '1.0.0',
        action: 'block_ip',
        credential: 'fw-token',
        input: {
          ip: '{{ event.ip }}',
          reason: 'score {{ event.score }}',
          duration: '24h',
          path: '/api/block?tenant={{ event.tenant }}',
          method: 'PUT',
        },
        effect: 'destructive',
        target: { param: 'ip', kind: 'ip' },
      },
      transitions: { out: ['isolate'], error: ['page'] },
      retry: { maxAttempts: 3 },
      timeout: '30s',
    });
  });

  it('when an isolate-host step has no auth then the credential is named after the host and the method is POST', () => {
    expect(migrated()['isolate']?.['params']).toEqual({
      connector: 'autonomic-gateway',
      version: '1.0.0',
      action: 'isolate_host',
      credential: 'gateway-edr-example',
      input: { host: '{{ event.host }}', reason: 'malware', path: '/', method: 'POST' },
      effect: 'destructive',
      target: { param: 'host', kind: 'host' },
    });
  });

  it('when a disable-user URL has a template origin then the whole URL is kept as the path', () => {
    expect(migrated()['disable']?.['params']).toEqual({
      connector: 'autonomic-gateway',
      version: '1.0.0',
      action: 'disable_user',
      credential: 'idp_key',
      input: { user: '{{ event.user }}', reason: 'phished', path: '{{ vars.idp }}/users/disable', method: 'DELETE' },
      effect: 'destructive',
      target: { param: 'user', kind: 'user' },
    });
  });

  it('when notify steps are migrated then each channel is a credential and the chat line is the legacy one', () => {
    const steps = migrated();
    expect(steps['page']?.['params']).toEqual({
      connector: 'autonomic-gateway',
      version: '1.0.0',
      action: 'notify',
      credential: 'notify-email',
      input: {
        text: '*Block failed*\n{{ event.ip }}',
        to: 'soc@example.com',
        subject: 'Block failed',
        message: '{{ event.ip }}',
      },
      effect: 'write',
    });
    expect(steps['chat']?.['params']).toMatchObject({
      credential: 'notify-slack',
      input: { text: 'Contained {{ event.host }}', to: '#soc', message: 'Contained {{ event.host }}' },
    });
  });

  it('when migrated then ids, transitions, other steps, vars and positions are unchanged', () => {
    const result = migrateTo(v1(), 2);
    const value = result.ok ? (result.value as Record<string, unknown>) : {};
    const before = v1();
    expect(value['formatVersion']).toBe(2);
    expect(Object.keys(value['steps'] as object)).toEqual(Object.keys(before['steps'] as object));
    expect((value['steps'] as Record<string, unknown>)['done']).toEqual({ type: 'end', params: {} });
    expect(value['ui']).toEqual(before['ui']);
    expect(value['vars']).toEqual(before['vars']);
    expect(value['trigger']).toEqual(before['trigger']);
  });

  it('when the v1 document is loaded then it is a valid document of the current format', () => {
    const { document, problems } = validateDocument(v1());
    expect(document?.formatVersion).toBe(3);
    expect(problems).toEqual([]);
    // The connector checks, which know the gateway's actions (and so report the template
    // origin of `disable`), run on the server: server/test/connectors/gateway-migration.test.ts.
  });

  it('when a legacy step has half-written params then it still migrates, for the v2 checks to report', () => {
    const draft = { ...v1(), steps: { b: { type: 'block-ip', params: { ip: '' } } } };
    const result = migrateToLatest(draft);
    expect(result.ok).toBe(true);
    const { document } = validateDocument(draft);
    expect(document?.steps['b']?.params).toMatchObject({
      credential: 'gateway-step-b',
      input: { ip: '', reason: '', path: '', method: 'POST' },
    });
  });
});

describe('legacyCredentials: what the server adopts', () => {
  it('when read from a v1 document then each legacy step names its credential, origin, secret and auth', () => {
    expect(legacyCredentials(v1())).toEqual([
      {
        stepId: 'block',
        name: 'fw-token',
        baseUrl: 'https://fw.example:8443',
        secret: 'FW.Token',
        auth: 'bearer',
      },
      { stepId: 'isolate', name: 'gateway-edr-example', baseUrl: 'https://edr.example', auth: 'none' },
      { stepId: 'disable', name: 'idp_key', secret: 'idp_key', auth: 'header', header: 'X-IdP-Key' },
      { stepId: 'page', name: 'notify-email', secret: 'notify.email', auth: 'webhook_url' },
      { stepId: 'chat', name: 'notify-slack', secret: 'notify.slack', auth: 'webhook_url' },
    ]);
  });
});

describe('naming', () => {
  it.each([
    ['FW.Token', 'fw-token'],
    ['idp_key', 'idp_key'],
    ['--Edge__Token..', 'edge_token'],
    ['1password', 'gateway-1password'],
    ['', 'gateway'],
    ['a'.repeat(80), 'a'.repeat(64)],
  ])('when %j is a credential name then it becomes %j', (text, slug) => {
    expect(credentialSlug(text)).toBe(slug);
  });

  it.each([
    ['https://fw.example/api/block', { origin: 'https://fw.example', host: 'fw.example', path: '/api/block' }],
    ['http://10.0.0.1:8080', { origin: 'http://10.0.0.1:8080', host: '10.0.0.1:8080', path: '/' }],
    ['https://fw.example?x=1', { origin: 'https://fw.example', host: 'fw.example', path: '/?x=1' }],
    ['https://{{ vars.fw }}/block', { path: 'https://{{ vars.fw }}/block' }],
    ['{{ vars.url }}', { path: '{{ vars.url }}' }],
  ])('when the legacy URL is %s then it splits into %j', (url, parts) => {
    expect(splitLegacyUrl(url)).toEqual(parts);
  });

  it('when a host has a port then the credential name keeps it apart', () => {
    const doc = v1();
    const steps = doc['steps'] as Record<string, { params: { endpoint: Record<string, unknown> } }>;
    steps['isolate']!.params.endpoint['url'] = 'https://edr.example:9443/isolate';
    expect(legacyCredentials(doc).find((c) => c.stepId === 'isolate')?.name).toBe('gateway-edr-example-9443');
  });
});
