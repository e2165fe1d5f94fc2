/**
 * Jira Cloud REST API v3 as it answers: basic auth (`email:api_token`), issues kept in
 * memory with keys SOC-1, SOC-2, …; errors as `{ errorMessages, errors }` (400 for a bad
 * field, 401 for a wrong credential, 404 for an issue that does not exist or cannot be
 * seen), 204 with no body for a transition, 429 with Retry-After over the rate limit.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const JIRA_EMAIL = 'soar@acme.example';
export const JIRA_TOKEN = 'ATATT3xFfGF0-jira-test-token-7d1e2c3b4a59';
const SELF = 'https://acme-soc.atlassian.net/rest/api/3';
const ME = { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Autonomic', emailAddress: JIRA_EMAIL };

/** The workflow every issue follows: transition id → the status it leads to. */
export const TRANSITIONS: Record<string, string> = { '11': 'To Do', '21': 'In Progress', '31': 'Done' };

export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown> & { summary: string; status: { name: string } };
  comments: Array<{ id: string; body: unknown }>;
}

export interface JiraMock extends VendorMock {
  /** The issues created, by key. */
  issues: Map<string, JiraIssue>;
}

const jiraError = (status: number, errorMessages: string[], errors: Record<string, string> = {}): MockAnswer => ({
  status,
  body: { errorMessages, errors },
});
const NO_ISSUE = jiraError(404, ['Issue does not exist or you do not have permission to see it.']);
const NOW = '2026-12-05T21:30:00.000+0000';

function json(body: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};
  } catch {
    return {};
  }
}
/** `o.k` when `o` is an object. */
const field = (o: unknown, k: string): unknown =>
  typeof o === 'object' && o !== null ? new Map(Object.entries(o)).get(k) : undefined;

function createIssue(req: MockRequest, issues: Map<string, JiraIssue>): MockAnswer {
  const fields = field(json(req.body), 'fields');
  const errors: Record<string, string> = {};
  const project = field(field(fields, 'project'), 'key');
  const summary = field(fields, 'summary');
  if (project !== 'SOC') errors['project'] = 'valid project is required';
  if (typeof summary !== 'string' || summary.trim() === '')
    errors['summary'] = 'You must specify a summary of the issue.';
  if (field(field(fields, 'description'), 'type') !== 'doc') {
    errors['description'] = 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
  }
  if (Object.keys(errors).length > 0 || typeof summary !== 'string') return jiraError(400, [], errors);
  const n = issues.size + 1;
  const id = String(10_000 + n);
  const key = `SOC-${n}`;
  issues.set(key, {
    id,
    key,
    fields: {
      summary,
      status: { name: 'To Do' },
      issuetype: field(fields, 'issuetype'),
      project: { key: project },
      description: field(fields, 'description'),
      created: NOW,
      updated: NOW,
    },
    comments: [],
  });
  return { status: 201, body: { id, key, self: `${SELF}/issue/${id}` } };
}

function onIssue(req: MockRequest, issue: JiraIssue, rest: string): MockAnswer {
  if (req.method === 'GET' && rest === '') {
    return {
      status: 200,
      body: { id: issue.id, key: issue.key, self: `${SELF}/issue/${issue.id}`, fields: issue.fields },
    };
  }
  if (req.method === 'POST' && rest === '/comment') {
    const body = field(json(req.body), 'body');
    if (field(body, 'type') !== 'doc') return jiraError(400, [], { comment: 'Comment body can not be empty!' });
    const id = String(10_100 + issue.comments.length);
    issue.comments.push({ id, body });
    const self = `${SELF}/issue/${issue.id}/comment/${id}`;
    return { status: 201, body: { id, self, author: ME, body, created: NOW, updated: NOW } };
  }
  if (req.method === 'POST' && rest === '/transitions') {
    const id = field(field(json(req.body), 'transition'), 'id');
    const status = typeof id === 'string' ? TRANSITIONS[id] : undefined;
    if (!status) return jiraError(400, [`Transition id '${String(id)}' is not valid for this issue.`]);
    issue.fields.status = { name: status };
    return { status: 204, body: undefined };
  }
  return jiraError(404, ['Not found']);
}

function route(req: MockRequest, issues: Map<string, JiraIssue>): MockAnswer {
  if (req.method === 'GET' && req.path === '/rest/api/3/myself') {
    return {
      status: 200,
      body: { ...ME, self: `${SELF}/user?accountId=${ME.accountId}`, active: true, timeZone: 'UTC' },
    };
  }
  if (req.method === 'POST' && req.path === '/rest/api/3/issue') return createIssue(req, issues);
  const m = /^\/rest\/api\/3\/issue\/([^/]+)(\/comment|\/transitions)?$/.exec(req.path);
  if (!m) return jiraError(404, ['Not found']);
  const issue = issues.get(decodeURIComponent(m[1] ?? ''));
  return issue ? onIssue(req, issue, m[2] ?? '') : NO_ISSUE;
}

export async function startJiraMock(): Promise<JiraMock> {
  const issues = new Map<string, JiraIssue>();
  const expected = `Basic ${Buffer.from(`${JIRA_EMAIL}:${JIRA_TOKEN}`).toString('base64')}`;
  const mock = await startVendorMock({
    authFailure: (req) =>
      req.headers.authorization === expected
        ? undefined
        : jiraError(401, ['Client must be authenticated to access this resource.']),
    rateLimited: (seconds) => ({
      ...jiraError(429, ['Rate limit exceeded.']),
      headers: { 'retry-after': String(seconds) },
    }),
    route: (req) => route(req, issues),
  });
  return { ...mock, issues };
}
