/**
 * The audit log in words: who (`user:<id>:<name>` → "alice", `token:<id>:<name>` → "token of
 * alice", `system:executor` → "system: executor"), what ("credential.created" → "Credential
 * created") and a link to the target when the app has a page for it.
 */

/** An actor label in words. */
export function actorInWords(actor: string): string {
  const [kind, ...rest] = actor.split(':');
  if (kind === 'user' && rest.length >= 2) return rest.slice(1).join(':');
  if (kind === 'token' && rest.length >= 2) return `token of ${rest.slice(1).join(':')}`;
  if (kind === 'system' && rest.length >= 1) return `system: ${rest.join(':')}`;
  return actor;
}

/** Phrases a plain rewrite would get wrong or leave cryptic. */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  'approval.break_glass': 'Approval by break-glass',
  'workflow.kill_switch_engaged': 'Workflow kill switch engaged',
  'workflow.kill_switch_released': 'Workflow kill switch released',
};

const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** A dotted verb in words: `credential.created` → "Credential created", `_` read as a space. */
export function actionInWords(action: string): string {
  return ACTION_WORDS[action] ?? sentence(action.replace(/[._]+/g, ' ').trim());
}

const TARGET_WORDS: Readonly<Record<string, string>> = {
  workflow: 'workflow',
  workflow_version: 'version',
  run: 'run',
  approval_task: 'approval task',
  review: 'review',
  safety_policy: 'policy',
  safety_entry: 'safety entry',
  connector_credential: 'credential',
  api_token: 'API token',
  custom_connector: 'connector',
  connector_drift: 'connector drift',
};

/** A target type in words: `approval_task` → "approval task". */
export const targetTypeInWords = (type: string): string => TARGET_WORDS[type] ?? type.replace(/_/g, ' ');

const details = (d: unknown): Record<string, unknown> =>
  typeof d === 'object' && d !== null && !Array.isArray(d) ? Object.fromEntries(Object.entries(d)) : {};

const seg = encodeURIComponent;

/**
 * Where the target of a line is shown in the app, or null when it has no page (or the line
 * does not say enough: a version needs its workflow and number in the details).
 */
export function targetHref(line: { targetType: string; targetId: string; details: unknown }): string | null {
  const id = line.targetId;
  switch (line.targetType) {
    case 'workflow':
      return `/workflows/${seg(id)}`;
    case 'workflow_version': {
      const d = details(line.details);
      const wf = d['workflowId'];
      const n = d['number'];
      return typeof wf === 'string' && typeof n === 'number' ? `/workflows/${seg(wf)}/versions/${n}` : null;
    }
    case 'run':
      return `/runs/${seg(id)}`;
    case 'approval_task':
      return `/approvals/${seg(id)}`;
    case 'review':
      return `/reviews/${seg(id)}`;
    case 'safety_policy':
      return `/admin/policies#policy-title-${seg(id)}`;
    case 'connector_credential':
      return `/admin/credentials`;
    case 'asset':
      return `/admin/assets`;
    default:
      return null;
  }
}
