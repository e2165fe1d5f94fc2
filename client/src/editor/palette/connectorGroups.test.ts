import { describe, expect, it } from 'vitest';
import { connectorList } from '../connectors/testing';
import { connectorPaletteGroups } from './connectorGroups';

const shape = (search: string) =>
  connectorPaletteGroups(search, connectorList.connectors).map((g) => [g.vendor, g.actions.map((a) => a.id)]);

describe('connectorPaletteGroups', () => {
  it('when nothing is searched then every action is listed under its connector, by vendor, with its effect', () => {
    const groups = connectorPaletteGroups('', connectorList.connectors);
    expect(shape('')).toEqual([
      ['AbuseIPDB', ['check_ip']],
      ['Slack', ['post_message']],
    ]);
    expect(groups[0]?.actions[0]).toEqual({ id: 'check_ip', title: 'Check IP reputation', effect: 'read' });
    expect(groups[1]).toMatchObject({ id: 'slack', version: '2.0.0', name: 'Slack Web API' });
  });

  it.each([
    ['vendor', 'slack', [['Slack', ['post_message']]]],
    ['action title', 'reputation', [['AbuseIPDB', ['check_ip']]]],
    ['verb (action id)', 'check_ip', [['AbuseIPDB', ['check_ip']]]],
    ['connector name', 'web api', [['Slack', ['post_message']]]],
    ['vendor and verb together', 'abuseipdb check', [['AbuseIPDB', ['check_ip']]]],
  ])('when searching by %s then only the matching actions stay', (_what, search, expected) => {
    expect(shape(search)).toEqual(expected);
  });

  it('when no action matches then no connector is listed', () => {
    expect(shape('firewall')).toEqual([]);
  });
});
