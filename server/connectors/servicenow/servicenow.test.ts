/**
 * The ServiceNow connector against its mock over real HTTP: open, update (resolve), read
 * incidents, the health read, basic auth and ACLs, a missing record, the resolution guard,
 * and a rate limit rule's 429.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { detectDrift } from '../../src/connectors/drift';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { servicenow } from './definition';
import {
  SNOW_PASSWORD,
  SNOW_READER,
  SNOW_READER_PASSWORD,
  SNOW_USER,
  startServiceNowMock,
  type ServiceNowMock,
} from './mock';

let mock: ServiceNowMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startServiceNowMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.reset();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const CREDENTIAL = `${SNOW_USER}:${SNOW_PASSWORD}`;
const run = (action: string, params: Record<string, unknown>, credential = CREDENTIAL, instance = 'acme') =>
  t.client.execute({
    definition: servicenow,
    action,
    params,
    credential,
    settings: { instance },
    baseUrl: mock.baseUrl,
  });
const INCIDENT = {
  short_description: 'Phishing: credential harvesting from 203.0.113.66',
  description: 'Reported by j.doe.',
  urgency: '1',
  category: 'security',
};
/** Opens an incident and gives its sys_id. */
const opened = async () =>
  ((await run('create_incident', INCIDENT)).output as { result: { sys_id: string } }).result.sys_id;
const FIELDS = servicenow.actions['create_incident']?.query?.['sysparm_fields'];

describe('ServiceNow incidents', () => {
  it('when an incident is opened then ServiceNow got the fields with basic auth and its sys_id and number come back', async () => {
    const result = await run('create_incident', INCIDENT);

    expect(result).toMatchObject({
      status: 201,
      output: {
        result: {
          sys_id: expect.stringMatching(/^[0-9a-f]{32}$/),
          number: 'INC0010001',
          state: '1',
          short_description: INCIDENT.short_description,
          urgency: '1',
          // The params schema's default, and the priority the instance derived from both.
          impact: '2',
          priority: '2',
        },
      },
    });
    const [call] = mock.calls;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/api/now/table/incident');
    expect(call?.headers.authorization).toBe(`Basic ${Buffer.from(CREDENTIAL).toString('base64')}`);
    expect(Object.fromEntries(call?.query ?? [])).toEqual({
      sysparm_fields: FIELDS,
      sysparm_exclude_reference_link: 'true',
    });
    // Params not given are left out of the body, not sent empty.
    expect(JSON.parse(call?.body ?? '')).toEqual({ ...INCIDENT, impact: '2' });
    expect(mock.incidents.size).toBe(1);
  });

  it('when an incident is resolved then the PATCH carries the state, code, notes and work note and the record changes', async () => {
    const sysId = await opened();
    const change = {
      sys_id: sysId,
      state: '6',
      work_notes: 'Sender blocked by playbook run 7.',
      close_code: 'Solved (Permanently)',
      close_notes: 'Mailbox cleaned.',
    };

    const result = await run('update_incident', change);

    expect(result).toMatchObject({
      status: 200,
      output: {
        result: { sys_id: sysId, state: '6', close_code: 'Solved (Permanently)', close_notes: 'Mailbox cleaned.' },
      },
    });
    const call = mock.calls[1];
    expect([call?.method, call?.path]).toEqual(['PATCH', `/api/now/table/incident/${sysId}`]);
    const { sys_id: _id, ...body } = change;
    expect(JSON.parse(call?.body ?? '')).toEqual(body);
    expect(mock.incidents.get(sysId)?.['work_notes_journal']).toBe('Sender blocked by playbook run 7.\n');
  });

  it('when an incident is read then its state and number come back', async () => {
    const sysId = await opened();

    const result = await run('get_incident', { sys_id: sysId });

    expect(mock.calls[1]?.method).toBe('GET');
    expect(mock.calls[1]?.path).toBe(`/api/now/table/incident/${sysId}`);
    expect(result.output).toMatchObject({
      result: { sys_id: sysId, number: 'INC0010001', state: '1', category: 'security' },
    });
  });

  it('when the connection is tested then one incident id is read with sysparm_limit=1', async () => {
    await opened();
    await opened();
    const health = servicenow.healthAction;

    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(Object.fromEntries(mock.calls[2]?.query ?? [])).toEqual({ sysparm_limit: '1', sysparm_fields: 'sys_id' });
    expect(result.output).toEqual({ result: [{ sys_id: expect.stringMatching(/^[0-9a-f]{32}$/) }] });
  });

  it.each(Object.keys(servicenow.actions))(
    'when %s answers then the answer and the example both match its response schema, without drift',
    async (id) => {
      const action = servicenow.actions[id];
      const sysId = await opened();
      const params: Record<string, Record<string, unknown>> = {
        create_incident: INCIDENT,
        update_incident: { sys_id: sysId, state: '2', work_notes: 'x' },
        get_incident: { sys_id: sysId },
      };
      const result = await run(id, params[id] ?? {});

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      // The schema declares every field the vendor sends, so live answers show no drift.
      expect(detectDrift(action?.response ?? {}, result.output)).toEqual([]);
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );

  it('when the instance setting is acme then the base URL is acme.service-now.com', () => {
    expect(fillUrl(servicenow.baseUrl, { instance: 'acme' })).toBe('https://acme.service-now.com');
  });
});

describe('ServiceNow errors', () => {
  it('when the password is wrong then the error is auth without the password', async () => {
    const e = await failure(run('test_connection', {}, `${SNOW_USER}:Wr0ngPassw0rd!x`));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('User Not Authenticated');
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain('Wr0ngPassw0rd!x');
  });

  it('when the user may only read then opening an incident is an auth error naming the ACL and nothing is created', async () => {
    const e = await failure(run('create_incident', INCIDENT, `${SNOW_READER}:${SNOW_READER_PASSWORD}`));

    expect(e).toMatchObject({ kind: 'auth', status: 403 });
    expect(e.message).toContain('ACL Exception Insert Failed');
    expect(mock.incidents.size).toBe(0);
  });

  it("when the incident does not exist then the error is not_found with ServiceNow's message", async () => {
    const e = await failure(run('update_incident', { sys_id: 'f'.repeat(32), state: '2' }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404, retryable: false });
    expect(e.message).toContain('No Record found');
  });

  it('when an incident is resolved without a resolution code then nothing is sent and the problem names the field', async () => {
    const e = await failure(run('update_incident', { sys_id: 'a'.repeat(32), state: '6', close_notes: 'done' }));

    expect(e.kind).toBe('invalid_params');
    expect(e.message).toContain('close_code');
    expect(mock.calls).toHaveLength(0);
  });

  it('when an update changes nothing then it is refused before anything is sent', async () => {
    const e = await failure(run('update_incident', { sys_id: 'a'.repeat(32) }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it('when a rate limit rule answers 429 then the client waits Retry-After and one incident is opened', async () => {
    mock.rateLimitNext(1, 3);

    const result = await run('create_incident', INCIDENT);

    expect(result.status).toBe(201);
    expect(t.waits).toEqual([3_000]);
    expect(mock.calls).toHaveLength(2);
    expect(mock.incidents.size).toBe(1);
  });

  it('when the instance setting is not a host label then nothing is sent', async () => {
    const e = await failure(run('test_connection', {}, CREDENTIAL, 'evil.example/x'));

    expect(e).toMatchObject({ kind: 'invalid_params', message: expect.stringContaining('settings') });
    expect(mock.calls).toHaveLength(0);
  });
});
