/**
 * A small connector definition that passes every check: a reputation lookup (read, the
 * health action), a block (destructive, with a target and an idempotency header) and a
 * comment (write, with a JSON body). Tests clone it and break one thing.
 */
export function sampleConnector(): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: 'acme-firewall',
    name: 'ACME Firewall',
    vendor: 'ACME',
    version: '1.2.0',
    description: 'Blocks addresses on an ACME edge firewall.',
    baseUrl: 'https://{{ tenant }}.acme.example',
    auth: { type: 'api_key', in: 'header', name: 'X-Acme-Key' },
    rateLimit: { requests: 60, per: '1m' },
    healthAction: { action: 'lookup', params: { tenant: 'demo', ip: '192.0.2.1' } },
    actions: {
      lookup: {
        title: 'Look up an address',
        description: 'What the firewall knows about an address.',
        effect: 'read',
        method: 'GET',
        path: '/v1/addresses/{{ ip }}',
        query: { verbose: '{{ verbose }}' },
        params: {
          type: 'object',
          properties: {
            tenant: { type: 'string' },
            ip: { type: 'string', format: 'ip' },
            verbose: { type: 'boolean' },
          },
          required: ['tenant', 'ip'],
          additionalProperties: false,
        },
        response: { type: 'object', properties: { blocked: { type: 'boolean' } }, required: ['blocked'] },
        target: { param: 'ip', kind: 'ip' },
        example: { blocked: false },
      },
      block: {
        title: 'Block an address',
        description: 'Adds the address to the block list.',
        effect: 'destructive',
        method: 'POST',
        path: '/v1/blocks',
        headers: { 'X-Reason': 'playbook: {{ reason }}' },
        body: { address: '{{ ip }}', minutes: '{{ minutes }}', tags: ['soar', '{{ reason }}'] },
        params: {
          type: 'object',
          properties: {
            tenant: { type: 'string' },
            ip: { type: 'string' },
            minutes: { type: 'integer' },
            reason: { type: 'string' },
          },
          required: ['tenant', 'ip'],
        },
        response: { type: 'object' },
        target: { param: 'ip', kind: 'ip' },
        idempotency: 'Idempotency-Key',
        example: { id: 'blk-1' },
      },
    },
  };
}
