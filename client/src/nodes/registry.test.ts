import { NODE_TYPES } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { CLIENT_NODES, summaryOf } from './index';

describe('client node registry', () => {
  it('when compared with the catalogue then every type has exactly one client folder and no extra', () => {
    expect(CLIENT_NODES.map((n) => n.type).sort()).toEqual(NODE_TYPES.map((d) => d.type).sort());
  });

  it.each(NODE_TYPES.map((d) => [d.type, d.defaults] as const))(
    'when %s has its default params then its summary is short text',
    (type, defaults) => {
      const lines = summaryOf(type, defaults);
      expect(lines.every((l) => typeof l === 'string')).toBe(true);
      expect(lines.length).toBeLessThanOrEqual(3);
    },
  );

  it('when params are half-written then summaries do not throw', () => {
    for (const d of NODE_TYPES) expect(() => summaryOf(d.type, { cases: 'x', approvers: 3 })).not.toThrow();
  });

  it('when an http step has a method and URL then its summary shows both', () => {
    expect(summaryOf('http', { method: 'POST', url: 'https://x' })).toEqual(['POST https://x']);
  });
});
