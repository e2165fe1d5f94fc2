import { describe, expect, it } from 'vitest';
import { ConnectorDefinition } from '../src/connectors';
import { validateDocument } from '../src/load';
import type { Problem } from '../src/problem';
import { connectorProblems } from '../src/validate/connectors';
import { article, humanise, nounOf } from '../src/validate/words';
import { sampleConnector } from './support/connectors';
import { step, withChange, type DocJson } from './support/documents';

/** What an analyst must never read: zod's defaults, a wrong article, a document path. */
const NOT_WORDS = [
  /^Invalid/,
  /^Too (small|big)/,
  /Unrecognized key/,
  /expected \w+, received/,
  /\ba [aeio]\w/,
  /params\./,
];

const messagesOf = (problems: readonly Problem[]) => problems.map((p) => p.message);
const expectWords = (messages: readonly string[]) => {
  for (const m of messages) for (const bad of NOT_WORDS) expect(m, m).not.toMatch(bad);
};

/** An approval step reached from the check's false branch, with `params` on top of valid ones. */
const withApproval = (params: Record<string, unknown>) =>
  withChange((d) => {
    step(d, 'check').transitions = { true: ['block'], false: ['ask'] };
    d.steps['ask'] = {
      type: 'approval',
      params: { approvers: { users: [], roles: ['reviewer'] }, timeout: '1h', ...params },
      transitions: { approved: ['done'], rejected: ['done'] },
    };
  });

describe('validation messages an analyst reads', () => {
  it.each<[string, DocJson, string, string, string]>([
    ['an empty name', withChange((d) => (d.metadata['name'] = '')), 'workflow', 'metadata.name', 'a name is required'],
    ['no name at all', withChange((d) => delete d.metadata['name']), 'workflow', 'metadata.name', 'Name is required'],
    [
      'a name too long',
      withChange((d) => (d.metadata['name'] = 'x'.repeat(121))),
      'workflow',
      'metadata.name',
      'Name must be at most 120 characters',
    ],
    [
      'an empty URL',
      withChange((d) => (step(d, 'enrich').params['url'] = '')),
      'enrich',
      'params.url',
      'a URL is required',
    ],
    [
      'a missing credential',
      withChange((d) => (step(d, 'block').params['credential'] = '')),
      'block',
      'params.credential',
      'a credential is required: pick one, or ask an admin to create one on Credentials',
    ],
    [
      'a cron of the wrong shape',
      withChange((d) => (d.trigger = { ...d.trigger, type: 'trigger.schedule', params: { cron: '99 * * *' } })),
      'alert',
      'params.cron',
      'a cron expression with 5 or 6 fields, e.g. "*/15 * * * *"',
    ],
    [
      'a cron that never fires',
      withChange((d) => (d.trigger = { ...d.trigger, type: 'trigger.schedule', params: { cron: '61 * * * *' } })),
      'alert',
      'params.cron',
      'minute field "61": 61 is out of range 0-59',
    ],
    ['a quorum of 0', withApproval({ quorum: 0 }), 'ask', 'params.quorum', 'Quorum must be at least 1'],
    ['a quorum as text', withApproval({ quorum: 'two' }), 'ask', 'params.quorum', 'Quorum must be a number'],
    ['a quorum of 1.5', withApproval({ quorum: 1.5 }), 'ask', 'params.quorum', 'Quorum must be a whole number'],
    [
      'a status code below 100',
      withChange((d) => (step(d, 'enrich').params['expectStatus'] = [42])),
      'enrich',
      'params.expectStatus.0',
      'Item 1 of expected statuses must be at least 100',
    ],
    [
      'an unknown method',
      withChange((d) => (step(d, 'enrich').params['method'] = 'FETCH')),
      'enrich',
      'params.method',
      'Method must be one of: GET, HEAD, POST, PUT, PATCH, DELETE',
    ],
    [
      'an unknown setting',
      withChange((d) => (step(d, 'enrich').params['retries'] = 3)),
      'enrich',
      'params',
      '“retries” is not a setting here: remove it',
    ],
    [
      'an empty approver name',
      withApproval({ approvers: { users: [''], roles: [] } }),
      'ask',
      'params.approvers.users.0',
      'a user name cannot be empty',
    ],
    [
      'a bad header name',
      withChange((d) => (step(d, 'enrich').params['headers'] = { 'a b': 'x' })),
      'enrich',
      'params.headers.a b',
      '"a b" is not allowed as a name: it must be a header name',
    ],
  ])('when the document has %s then the message reads as words at its path', (_, doc, nodeId, path, message) => {
    const { problems } = validateDocument(doc);
    expect(problems).toContainEqual({ nodeId, path, message });
    expectWords(messagesOf(problems));
  });

  it('when a sub-workflow and a switch are left empty then each says what to do', () => {
    const doc = withChange((d) => {
      step(d, 'check').transitions = { true: ['block'], false: ['sub'] };
      d.steps['sub'] = { type: 'subworkflow', params: { workflow: '' }, transitions: { out: ['sw'] } };
      d.steps['sw'] = {
        type: 'switch',
        params: { value: 'event.kind', cases: [] },
        transitions: { default: ['done'] },
      };
    });
    const { problems } = validateDocument(doc);
    expect(problems).toContainEqual({ nodeId: 'sub', path: 'params.workflow', message: 'pick the workflow to call' });
    expect(problems).toContainEqual({ nodeId: 'sw', path: 'params.cases', message: 'add at least one case' });
    expectWords(messagesOf(problems));
  });
});

describe('connector step messages', () => {
  const acme = ConnectorDefinition.parse(sampleConnector());
  const titled = structuredClone(sampleConnector());
  // The vendor's titles name the inputs: "IP address", "Tenant".
  const lookup = (titled['actions'] as Record<string, { params: { properties: Record<string, object> } }>)['lookup'];
  if (lookup) {
    lookup.params.properties['ip'] = { ...lookup.params.properties['ip'], title: 'IP address' };
    lookup.params.properties['tenant'] = { ...lookup.params.properties['tenant'], title: 'Tenant' };
  }
  const withTitles = ConnectorDefinition.parse(titled);
  const params = (over: Record<string, unknown>) => ({
    connector: 'acme-firewall',
    version: '1.2.0',
    action: 'lookup',
    credential: 'acme-prod',
    input: {},
    effect: 'read',
    target: { param: 'ip', kind: 'ip' },
    ...over,
  });
  const check = (def: ConnectorDefinition, over: Record<string, unknown>) =>
    connectorProblems(
      { steps: { s: { type: 'connector', params: params(over) } } },
      { connectors: () => def, credentials: [{ name: 'acme-prod', connectorId: 'acme-firewall', mode: 'live' }] },
    );

  it('when a required input is missing then it is named by its title with the right article', () => {
    const problems = check(withTitles, {});
    expect(messagesOf(problems)).toEqual([
      'a tenant is required by “Look up an address” (acme-firewall 1.2.0)',
      'an IP address is required by “Look up an address” (acme-firewall 1.2.0)',
    ]);
    expect(problems.every((p) => p.path === 'params.input')).toBe(true);
  });

  it('when an input has no title then its name is put in words, acronyms kept', () => {
    expect(messagesOf(check(acme, { input: { tenant: 'soc' } }))).toEqual([
      'an IP is required by “Look up an address” (acme-firewall 1.2.0)',
    ]);
  });

  it('when an input has the wrong type or an unknown credential is named then the message says what to do', () => {
    const problems = check(withTitles, { credential: 'nope', input: { tenant: 'soc', ip: 5 } });
    expect(problems).toEqual([
      {
        nodeId: 's',
        path: 'params.credential',
        message: 'there is no credential “nope”: pick another, or ask an admin to create it on Credentials',
      },
      { nodeId: 's', path: 'params.input.ip', message: 'IP address must be text, not a whole number' },
    ]);
    expectWords(messagesOf(problems));
  });
});

describe('words', () => {
  it.each([
    ['IP address', 'an'],
    ['URL', 'a'],
    ['address', 'an'],
    ['user name', 'a'],
    ['tenant', 'a'],
    ['hour', 'a'],
    ['SSH key', 'an'],
    ['email', 'an'],
  ])('when the noun is %s then its article is %s', (noun, want) => {
    expect(article(noun)).toBe(want);
  });

  it('when a key is camelCase or snake_case then it reads as words with acronyms upper-case', () => {
    expect(humanise('maxAgeInDays')).toBe('max age in days');
    expect(humanise('src_ip')).toBe('src IP');
    expect(nounOf('ip', { title: 'IP address' })).toBe('IP address');
    expect(nounOf('days', { title: 'Max age in days' })).toBe('max age in days');
  });
});
