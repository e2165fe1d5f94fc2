/**
 * Inline help for catalogue fields whose schema carries none yet. The schema's own
 * `help` wins; these belong in workflow/ as `.meta({ help })` and can go once there.
 * Keys: `<nodeType>:<path>` (list items and record values left out of the path), or
 * `*:<ending>` for the fields several node types share.
 */
import { asSchema, isRecord, type JsonSchema } from './schema';

const HELP: Record<string, string> = {
  'trigger.schedule:timezone': 'The IANA time zone the schedule follows, e.g. Europe/Paris.',
  'switch:value': 'The value the cases are compared with, e.g. event.severity.',
  'switch:cases': 'Checked in order: the first case equal to the value is followed, else "default".',
  'switch:cases.port': 'The output port of this case: lower-case letters, digits and _.',
  'switch:cases.label': 'Shown on the port; the value when empty.',
  'switch:cases.equals': 'The value this case matches.',
  'join:mode': '"all" waits for every incoming branch; "any" continues with the first.',
  'foreach:concurrency': 'How many items run at the same time.',
  'foreach:onItemError': '"fail" stops at the first failed item; "continue" goes on with the others.',
  'foreach:maxItems': 'A longer array fails the step instead of running.',
  'delay:duration': 'How long to wait; the wait survives a restart.',
  'transform:expression': "Its value becomes this step's output.",
  'subworkflow:input': 'The value the called workflow receives as its event.',
  'end:status': 'How the run ends.',
  'end:message': 'Shown with the run in its history.',
  'end:output': "The run's output value.",
  'approval:approvers': 'Who may decide: named users, everyone with a role and/or the owner of the target asset.',
  'approval:approvers.targetOwner':
    'Also asks the owner, in the asset inventory, of each target the approval unlocks: a user by that name is asked; with no such owner, the users and roles above are, else the first escalation level at once.',
  'approval:quorum': 'How many approvals it takes.',
  'approval:message': 'What the approvers read.',
  'approval:timeout': 'After this, the "On timeout" decision is taken.',
  'approval:escalation': 'Who else is asked, and when, if nobody answers in time.',
  'approval:escalation.after':
    'Time since the task was created; each level after the previous one, all before the timeout.',
  'approval:escalation.approvers': 'Who is asked at this level.',
  'approval:escalation.breakGlass': 'A break-glass level: shown as such and audited as such.',
  'approval:escalation.label': 'A name for this level, e.g. "On-call lead".',
  'approval:onTimeout': 'The decision taken when nobody has decided by the timeout.',
  '*:approvers.users': 'User names.',
  '*:approvers.roles': 'Everyone with one of these roles, e.g. reviewer.',
  'http:method': 'GET and HEAD read; the other methods write to the outside world.',
  'http:url': 'The address to call.',
  'http:headers': 'Request headers.',
  'http:query': 'Query parameters added to the URL.',
  'http:body': 'The request body, e.g. JSON.',
  'http:expectStatus': 'The statuses that count as success. Not set: any 2xx.',
  '*:auth': 'How the request proves who it is: the secret is looked up when the step runs.',
  '*:auth.type': 'bearer: an Authorization bearer token; header: the secret in the header below; basic: basic auth.',
  '*:auth.header': 'For "header" auth: the header that carries the secret.',
};

/** The node type's own entry, else the shared entry for the path's longest known ending. */
function lookup(nodeType: string, path: string): string | undefined {
  const own = HELP[`${nodeType}:${path}`];
  if (own) return own;
  const names = path.split('.');
  for (let i = 0; i < names.length; i++) {
    const shared = HELP[`*:${names.slice(i).join('.')}`];
    if (shared) return shared;
  }
  return undefined;
}

/** The params schema with help filled in where the catalogue has none. */
export function withFieldHelp(schema: JsonSchema, nodeType: string): JsonSchema {
  // An item of a list shares the list's path but not its help.
  const visit = (s: JsonSchema, path: string, item = false): JsonSchema => {
    const own = typeof s['help'] === 'string' || typeof s['description'] === 'string';
    const help = path === '' || own || item ? undefined : lookup(nodeType, path);
    const at = (k: string) => (path === '' ? k : `${path}.${k}`);
    const props = isRecord(s['properties'])
      ? Object.fromEntries(Object.entries(s['properties']).map(([k, p]) => [k, visit(asSchema(p), at(k))]))
      : undefined;
    const items = isRecord(s['items']) ? visit(asSchema(s['items']), path, true) : undefined;
    return {
      ...s,
      ...(help ? { help } : {}),
      ...(props ? { properties: props } : {}),
      ...(items ? { items } : {}),
    };
  };
  return visit(schema, '');
}
