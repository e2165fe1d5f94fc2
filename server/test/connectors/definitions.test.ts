/** The shipped connectors: each a valid definition, listed once, with examples that fit their schemas. */
import { ConnectorDefinition } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { CONNECTORS, connectorById } from '../../src/connectors/registry';
import { checkAnswer } from '../../src/connectors/schemas';

describe('connector registry', () => {
  it.each(CONNECTORS.map((c) => [c.id, c] as const))(
    'when %s is parsed by the definition schema then it passes unchanged (every default written out)',
    (_id, definition) => {
      expect(ConnectorDefinition.parse(definition)).toEqual(definition);
    },
  );

  it('when the registry is read then every id appears once and is found by id', () => {
    const ids = CONNECTORS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'abuseipdb',
      'virustotal',
      'slack',
      'jira',
      'slack-webhook',
      'email-smtp',
      'fortigate',
      'autonomic-gateway',
      'crowdstrike-falcon',
      'microsoft-entra-id',
      'servicenow',
      'okta',
      'microsoft-defender-endpoint',
      'splunk',
      'urlhaus',
      'pagerduty-events',
      'elasticsearch',
      'microsoft-teams',
      'opsgenie',
    ]);
    for (const id of ids) expect(connectorById(id)?.id).toBe(id);
    expect(connectorById('nope')).toBeUndefined();
  });

  it.each(CONNECTORS.flatMap((c) => Object.entries(c.actions).map(([id, a]) => [`${c.id}.${id}`, a] as const)))(
    'when the example of %s is checked then it matches the response schema',
    (_name, action) => {
      expect(checkAnswer(action.response, action.example)).toEqual({ ok: true, value: action.example });
    },
  );
});
