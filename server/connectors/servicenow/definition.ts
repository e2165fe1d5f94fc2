/**
 * ServiceNow Table API (REST API `now/table`, https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI):
 * open an incident, update it (state, work notes, resolution), read it. Auth: basic with
 * `user:password` of an integration user (roles `itil` or `sn_incident_write`). The instance
 * is part of the host (`<instance>.service-now.com`): a setting of the credential. Answers
 * are `{ result: { … } }` with every field as text (`state: '2'`), reference fields reduced to
 * their sys_id by `sysparm_exclude_reference_link`; errors are
 * `{ error: { message, detail }, status: 'failure' }` (401 not authenticated, 403 ACL, 404 no
 * record). A rate limit rule answers 429 with Retry-After. The Table API has no idempotency
 * header: creating twice opens two incidents.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const instance = {
  type: 'string',
  title: 'Instance',
  description: 'Your instance name: the <instance> of <instance>.service-now.com.',
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
};

const sysId = {
  type: 'string',
  title: 'Incident sys_id',
  description: "The incident's 32-character sys_id, as 'Open an incident' returns it (not its INC number).",
  pattern: '^[0-9a-f]{32}$',
};
const level = (title: string, what: string) => ({
  type: 'string',
  title,
  description: `${what}: 1 High, 2 Medium, 3 Low.`,
  enum: ['1', '2', '3'],
});
const urgency = level('Urgency', 'How soon it must be solved');
const impact = level('Impact', 'How much of the business it affects');
const assignmentGroup = {
  type: 'string',
  title: 'Assignment group',
  description: "The sys_id of the group to assign it to (User Administration > Groups, 'Copy sys_id').",
  pattern: '^[0-9a-f]{32}$',
};

/** The fields asked back on every answer, so the output's shape does not depend on the instance's form. */
const FIELDS =
  'sys_id,number,state,short_description,description,urgency,impact,priority,category,assignment_group,caller_id,opened_at,sys_updated_on,close_code,close_notes';
const query = { sysparm_fields: FIELDS, sysparm_exclude_reference_link: 'true' };

const incident = {
  type: 'object',
  required: ['sys_id', 'number', 'state', 'short_description'],
  properties: {
    sys_id: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    number: { type: 'string' },
    state: { type: 'string', description: '1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled.' },
    short_description: { type: 'string' },
    description: { type: 'string' },
    urgency: { type: 'string' },
    impact: { type: 'string' },
    priority: { type: 'string' },
    category: { type: 'string' },
    assignment_group: { type: 'string' },
    caller_id: { type: 'string' },
    opened_at: { type: 'string' },
    sys_updated_on: { type: 'string' },
    close_code: { type: 'string' },
    close_notes: { type: 'string' },
  },
};
const one = { type: 'object', required: ['result'], properties: { result: incident } };

const INCIDENT = {
  sys_id: '9d385017c611228701d22104cc95c371',
  number: 'INC0010042',
  state: '1',
  short_description: 'Phishing: credential harvesting from 203.0.113.66',
  description: 'Reported by j.doe; sender blocked at the gateway.',
  urgency: '2',
  impact: '2',
  priority: '3',
  category: 'security',
  assignment_group: '287ebd7da9fe198100f92cc8d1d2154e',
  caller_id: '6816f79cc0a8016401c5a33be04be441',
  opened_at: '2026-12-05 21:30:00',
  sys_updated_on: '2026-12-05 21:30:00',
  close_code: '',
  close_notes: '',
};

/** An action's params closed to unknown keys, without an idempotency header (the Table API has none). */
const closed = (
  action: Omit<ConnectorAction, 'params' | 'idempotency'>,
  properties: Record<string, Record<string, unknown>>,
  required: string[],
  extra: Record<string, unknown> = {},
): ConnectorAction => ({
  ...action,
  params: { type: 'object', properties, required, additionalProperties: false, ...extra },
  idempotency: 'none',
});

export const servicenow: ConnectorDefinition = {
  formatVersion: 1,
  id: 'servicenow',
  name: 'ServiceNow',
  vendor: 'ServiceNow',
  version: '1.0.0',
  description: 'Opens, updates and reads ServiceNow incidents (Table API).',
  baseUrl: 'https://{{ instance }}.service-now.com',
  auth: { type: 'basic' },
  settings: { type: 'object', properties: { instance }, required: ['instance'], additionalProperties: false },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'test_connection', params: {} },
  actions: {
    create_incident: closed(
      {
        title: 'Open an incident',
        description: 'Creates an incident; its sys_id and number (INC0010042) come back for later steps.',
        effect: 'write',
        method: 'POST',
        path: '/api/now/table/incident',
        query,
        body: {
          short_description: '{{ short_description }}',
          description: '{{ description }}',
          urgency: '{{ urgency }}',
          impact: '{{ impact }}',
          category: '{{ category }}',
          assignment_group: '{{ assignment_group }}',
          caller_id: '{{ caller_id }}',
        },
        response: one,
        example: { result: INCIDENT },
      },
      {
        short_description: { type: 'string', title: 'Short description', minLength: 1, maxLength: 160 },
        description: { type: 'string', title: 'Description', maxLength: 4_000 },
        urgency: { ...urgency, default: '2' },
        impact: { ...impact, default: '2' },
        category: {
          type: 'string',
          title: 'Category',
          description: "A value of the incident's Category choice list, such as security or network.",
          maxLength: 40,
        },
        assignment_group: assignmentGroup,
        caller_id: {
          type: 'string',
          title: 'Caller',
          description: 'The sys_id of the user who reported it.',
          pattern: '^[0-9a-f]{32}$',
        },
      },
      ['short_description'],
    ),
    update_incident: closed(
      {
        title: 'Update an incident',
        description:
          'Changes the fields given (state, urgency, assignment) and adds a work note; to resolve, set state 6 with a close code and notes.',
        effect: 'write',
        method: 'PATCH',
        path: '/api/now/table/incident/{{ sys_id }}',
        query,
        body: {
          state: '{{ state }}',
          urgency: '{{ urgency }}',
          impact: '{{ impact }}',
          assignment_group: '{{ assignment_group }}',
          work_notes: '{{ work_notes }}',
          close_code: '{{ close_code }}',
          close_notes: '{{ close_notes }}',
        },
        response: one,
        example: {
          result: {
            ...INCIDENT,
            state: '6',
            close_code: 'Solved (Permanently)',
            close_notes: 'Sender blocked, mailbox cleaned.',
            sys_updated_on: '2026-12-05 22:10:00',
          },
        },
      },
      {
        sys_id: sysId,
        state: {
          type: 'string',
          title: 'State',
          description: '1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled.',
          enum: ['1', '2', '3', '6', '7', '8'],
        },
        urgency,
        impact,
        assignment_group: assignmentGroup,
        work_notes: {
          type: 'string',
          title: 'Work note',
          description: 'Added to the activity stream, visible to the fulfillers only.',
          minLength: 1,
          maxLength: 4_000,
        },
        close_code: {
          type: 'string',
          title: 'Resolution code',
          description: 'Needed when resolving, such as "Solved (Permanently)" or "Solved (Work Around)".',
          maxLength: 40,
        },
        close_notes: { type: 'string', title: 'Resolution notes', maxLength: 4_000 },
      },
      ['sys_id'],
      {
        // The sys_id and at least one change: an empty update is a mistake, not a no-op.
        minProperties: 2,
        // The instance's data policy refuses a resolution without its code and notes; say so before sending.
        if: { required: ['state'], properties: { state: { enum: ['6', '7'] } } },
        then: { required: ['close_code', 'close_notes'] },
      },
    ),
    get_incident: closed(
      {
        title: 'Get an incident',
        description: 'The number, state, priority, assignment and resolution of an incident.',
        effect: 'read',
        method: 'GET',
        path: '/api/now/table/incident/{{ sys_id }}',
        query,
        response: one,
        example: { result: { ...INCIDENT, state: '2', sys_updated_on: '2026-12-05 21:42:10' } },
      },
      { sys_id: sysId },
      ['sys_id'],
    ),
    test_connection: closed(
      {
        title: 'Test the connection',
        description:
          'Reads one incident id: fails when the user or password is wrong or the user may not read incidents.',
        effect: 'read',
        method: 'GET',
        path: '/api/now/table/incident',
        query: { sysparm_limit: '1', sysparm_fields: 'sys_id' },
        response: {
          type: 'object',
          required: ['result'],
          properties: {
            result: {
              type: 'array',
              maxItems: 1,
              items: { type: 'object', required: ['sys_id'], properties: { sys_id: { type: 'string' } } },
            },
          },
        },
        example: { result: [{ sys_id: INCIDENT.sys_id }] },
      },
      {},
      [],
    ),
  },
};
