import { gatewayParams } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { describeAction } from '../../src/engine';

const catalog = createConnectorCatalog();
const names = { definition: (id: string, version: string) => catalog.get(id, version) };

describe('describeAction', () => {
  it("when a connector step is described then it reads as the connector's name, the action's title and the target", () => {
    const params = gatewayParams('block_ip', { ip: '203.0.113.7', reason: 'r', duration: '24h', path: '/block' });
    expect(describeAction('connector', params, names)).toBe('Action gateway (JSON webhook): Block IP 203.0.113.7');
  });

  it('when the action names no target then only the title follows the name', () => {
    const params = gatewayParams('notify', { text: 'hi', to: '#soc', message: 'hi' }, 'notify-slack');
    expect(describeAction('connector', params, names)).toBe('Action gateway (JSON webhook): Notify');
  });

  it('when the connector is not known then its id and the action id stand in', () => {
    const params = gatewayParams('isolate_host', { host: 'web-01', reason: 'r', path: '/i' });
    expect(describeAction('connector', params)).toBe('autonomic-gateway: isolate_host');
  });

  it('when an http step is described then it reads as method and URL', () => {
    expect(describeAction('http', { method: 'GET', url: 'https://intel.example' })).toBe('GET https://intel.example');
  });
});
