/**
 * Fortinet FortiGate (FortiOS REST API v2): block and unblock an IPv4 address the way SOC
 * teams do on a FortiGate — an address object `soar-<ip>` that is a member of an address
 * group the deny policy already uses. Why FortiGate rather than PAN-OS: PAN-OS changes need a
 * separate XML-API commit and its group membership is a read-modify-write of the whole list,
 * while FortiOS edits the running config at once and adds or removes one group member
 * through the group's `member` child table, so each action is a fixed sequence of two
 * requests that read nothing from each other. Auth: a REST API admin's token as a bearer.
 * Errors are JSON `{ status: 'error', http_status, error }`; error -5 ("a duplicate entry
 * already exists") on a create and 404 on a delete mean the change is already in place.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const ip = { type: 'string', title: 'IPv4 address', format: 'ipv4' };
const group = {
  type: 'string',
  title: 'Address group',
  description: 'The group the deny policy uses.',
  pattern: '^[A-Za-z0-9_.-]{1,79}$',
  default: 'SOAR-Blocklist',
};
const vdom = { type: 'string', title: 'VDOM', pattern: '^[A-Za-z0-9_-]{1,31}$', default: 'root' };
const params = (extra: Record<string, Record<string, unknown>> = {}): ConnectorAction['params'] => ({
  type: 'object',
  properties: { ip, group, vdom, ...extra },
  required: ['ip', 'group', 'vdom'],
  additionalProperties: false,
});
/** FortiOS's answer envelope, for success and for the "already so" errors alike. */
const envelope = {
  type: 'object',
  required: ['status', 'http_status'],
  properties: {
    http_method: { type: 'string' },
    status: { enum: ['success', 'error'] },
    http_status: { type: 'integer' },
    mkey: { type: 'string' },
    error: { type: 'integer' },
    vdom: { type: 'string' },
    serial: { type: 'string' },
    version: { type: 'string' },
    build: { type: 'integer' },
  },
};
const inVdom = { vdom: '{{ vdom }}' };
const duplicate = [{ status: 500, field: 'error', equals: -5 }];
const example = (method: string, mkey: string) => ({
  http_method: method,
  status: 'success',
  http_status: 200,
  mkey,
  vdom: 'root',
  serial: 'FGT60FTK20000000',
  version: 'v7.4.3',
  build: 2573,
});

const block: ConnectorAction = {
  title: 'Block an IP address',
  description: 'Creates the address object soar-<ip> (/32) and adds it to the block group.',
  effect: 'destructive',
  method: 'POST',
  path: '/api/v2/cmdb/firewall/address',
  query: inVdom,
  body: { name: 'soar-{{ ip }}', type: 'ipmask', subnet: '{{ ip }}/32', comment: '{{ comment }}' },
  done: duplicate,
  then: [
    {
      method: 'POST',
      path: '/api/v2/cmdb/firewall/addrgrp/{{ group }}/member',
      query: inVdom,
      body: { name: 'soar-{{ ip }}' },
      done: duplicate,
    },
  ],
  params: params({ comment: { type: 'string', title: 'Comment', maxLength: 255, default: 'Blocked by Autonomic' } }),
  response: envelope,
  target: { param: 'ip', kind: 'ip' },
  idempotency: 'none',
  example: example('POST', 'soar-203.0.113.66'),
};

const unblock: ConnectorAction = {
  title: 'Unblock an IP address',
  description: 'Removes soar-<ip> from the block group and deletes the address object.',
  effect: 'write',
  method: 'DELETE',
  path: '/api/v2/cmdb/firewall/addrgrp/{{ group }}/member/soar-{{ ip }}',
  query: inVdom,
  done: [{ status: 404 }],
  then: [
    { method: 'DELETE', path: '/api/v2/cmdb/firewall/address/soar-{{ ip }}', query: inVdom, done: [{ status: 404 }] },
  ],
  params: params(),
  response: envelope,
  target: { param: 'ip', kind: 'ip' },
  idempotency: 'none',
  example: example('DELETE', 'soar-203.0.113.66'),
};

export const fortigate: ConnectorDefinition = {
  formatVersion: 1,
  id: 'fortigate',
  name: 'FortiGate',
  vendor: 'Fortinet',
  version: '1.0.0',
  description: 'Blocks and unblocks IPv4 addresses through an address group on a FortiGate (FortiOS REST API v2).',
  baseUrl: 'https://{{ host }}:{{ port }}',
  auth: { type: 'bearer' },
  settings: {
    type: 'object',
    properties: {
      host: { type: 'string', title: 'Management host', pattern: '^[A-Za-z0-9.-]{1,253}$' },
      port: { type: 'string', title: 'HTTPS admin port', pattern: '^[0-9]{1,5}$', default: '443' },
    },
    required: ['host', 'port'],
    additionalProperties: false,
  },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'system_status', params: {} },
  actions: {
    block_ip: block,
    unblock_ip: unblock,
    system_status: {
      title: 'System status',
      description: "The firewall's model, serial and FortiOS version; fails when the token is wrong.",
      effect: 'read',
      method: 'GET',
      path: '/api/v2/monitor/system/status',
      params: { type: 'object', properties: {}, additionalProperties: false },
      response: { ...envelope, required: ['status', 'serial', 'version'] },
      idempotency: 'none',
      example: {
        http_method: 'GET',
        status: 'success',
        http_status: 200,
        serial: 'FGT60FTK20000000',
        version: 'v7.4.3',
        build: 2573,
        results: { model_name: 'FortiGate', model_number: '60F', hostname: 'edge-fw-01' },
      },
    },
  },
};
