/** The Jira Cloud connector against its mock over real HTTP: create, comment, transition (204), read, auth, limits. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jira } from './definition';
import { checkAnswer } from '../../src/connectors/schemas';
import { JIRA_EMAIL, JIRA_TOKEN, startJiraMock, type JiraMock } from './mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let mock: JiraMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startJiraMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.issues.clear();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const CREDENTIAL = `${JIRA_EMAIL}:${JIRA_TOKEN}`;
const run = (action: string, params: Record<string, unknown>, credential = CREDENTIAL, site = 'acme-soc') =>
  t.client.execute({ definition: jira, action, params, credential, settings: { site }, baseUrl: mock.baseUrl });
const ISSUE = { project: 'SOC', summary: 'Phishing from 203.0.113.66', description: 'Reported by j.doe.' };
/** Creates an issue and gives its key. */
const created = async () => ((await run('create_issue', ISSUE)).output as { key: string }).key;
const paragraph = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describe('Jira actions', () => {
  it('when an issue is created then its key comes back and Jira got the fields with an ADF description', async () => {
    const result = await run('create_issue', ISSUE);

    expect(result).toEqual({
      status: 201,
      output: { id: '10001', key: 'SOC-1', self: expect.stringContaining('/rest/api/3/issue/10001') },
    });
    expect(mock.calls[0]?.headers.authorization).toBe(`Basic ${Buffer.from(CREDENTIAL).toString('base64')}`);
    expect(JSON.parse(mock.calls[0]?.body ?? '')).toEqual({
      fields: {
        project: { key: 'SOC' },
        summary: 'Phishing from 203.0.113.66',
        // The params schema's default.
        issuetype: { name: 'Task' },
        description: paragraph('Reported by j.doe.'),
      },
    });
    expect(mock.issues.get('SOC-1')?.fields.summary).toBe('Phishing from 203.0.113.66');
    expect(await created()).toBe('SOC-2');
  });

  it('when a comment is added then Jira stores it as one ADF paragraph', async () => {
    const key = await created();
    const result = await run('add_comment', { issueKey: key, comment: 'Host isolated.' });

    expect(result.status).toBe(201);
    expect(mock.calls[1]?.path).toBe(`/rest/api/3/issue/${key}/comment`);
    expect(mock.issues.get(key)?.comments).toEqual([{ id: expect.any(String), body: paragraph('Host isolated.') }]);
  });

  it('when an issue is transitioned then the 204 without a body is a success with a null output', async () => {
    const key = await created();
    const result = await run('transition_issue', { issueKey: key, transitionId: '31' });

    expect(result).toEqual({ status: 204, output: null });
    expect(JSON.parse(mock.calls[1]?.body ?? '')).toEqual({ transition: { id: '31' } });
    const read = await run('get_issue', { issueKey: key });
    expect(read.output).toMatchObject({ key, fields: { status: { name: 'Done' } } });
  });

  it.each(Object.keys(jira.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = jira.actions[id];
      const key = await created();
      const params: Record<string, Record<string, unknown>> = {
        create_issue: ISSUE,
        add_comment: { issueKey: key, comment: 'x' },
        transition_issue: { issueKey: key, transitionId: '21' },
        get_issue: { issueKey: key },
      };
      const result = await run(id, params[id] ?? {});

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );

  it('when the connection is tested then the health action names the account', async () => {
    const health = jira.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(result.output).toMatchObject({ accountId: expect.any(String), emailAddress: JIRA_EMAIL });
    expect(mock.calls[0]?.path).toBe('/rest/api/3/myself');
  });
});

describe('Jira errors', () => {
  it('when the API token is wrong then the error is auth without the token', async () => {
    const e = await failure(run('get_myself', {}, `${JIRA_EMAIL}:wrong-token-1234`));

    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).toContain('must be authenticated');
    expect(e.message).not.toContain('wrong-token-1234');
  });

  it('when the summary is blank then the 400 names the summary field and no issue exists', async () => {
    const e = await failure(run('create_issue', { ...ISSUE, summary: ' ' }));

    expect(e).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(e.message).toContain('You must specify a summary of the issue.');
    expect(mock.issues.size).toBe(0);
  });

  it('when the issue does not exist then the error is not_found', async () => {
    const e = await failure(run('add_comment', { issueKey: 'SOC-999', comment: 'x' }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404 });
    expect(e.message).toContain('Issue does not exist');
  });

  it('when the transition is not in the workflow then the 400 says so', async () => {
    const key = await created();
    const e = await failure(run('transition_issue', { issueKey: key, transitionId: '99' }));

    expect(e).toMatchObject({ kind: 'http', status: 400 });
    expect(e.message).toContain("Transition id '99' is not valid");
  });

  it('when Jira rate limits once then the client waits Retry-After and one issue is created', async () => {
    mock.rateLimitNext(1, 2);
    const result = await run('create_issue', ISSUE);

    expect(result.status).toBe(201);
    expect(t.waits).toEqual([2_000]);
    expect(mock.calls).toHaveLength(2);
    expect([...mock.issues.keys()]).toEqual(['SOC-1']);
  });

  it('when the site setting is not a host label then nothing is sent', async () => {
    const e = await failure(run('get_myself', {}, CREDENTIAL, 'evil.example/x'));

    expect(e.kind).toBe('invalid_params');
    expect(e.message).toContain('settings');
    expect(mock.calls).toHaveLength(0);
  });

  it('when the credential has no site setting then nothing is sent', async () => {
    const e = await failure(
      t.client.execute({ definition: jira, action: 'get_myself', params: {}, credential: CREDENTIAL }),
    );

    expect(e).toMatchObject({ kind: 'invalid_params', message: expect.stringContaining('lacks site') });
    expect(mock.calls).toHaveLength(0);
  });
});
