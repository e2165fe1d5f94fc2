import { WORKFLOW_NODE, type Problem } from '../problem';
import { LIMITS } from '../validate/limits';
import { EXTENSION_ID, isRecord, type CacaoStep } from './model';

/** The step pointers of a CACAO step: which property names which step. */
export function stepPointers(step: CacaoStep): Array<{ key: string; to: string }> {
  const out: Array<{ key: string; to: string }> = [];
  for (const key of ['on_completion', 'on_success', 'on_failure', 'on_true', 'on_false'] as const) {
    const to = step[key];
    if (typeof to === 'string') out.push({ key, to });
  }
  (step.next_steps ?? []).forEach((to, i) => out.push({ key: `next_steps[${i}]`, to }));
  for (const [value, to] of Object.entries(step.cases ?? {})) out.push({ key: `cases["${value}"]`, to });
  return out;
}

function problem(message: string, path = ''): Problem {
  return { nodeId: WORKFLOW_NODE, path, message };
}

/** The shape the mapping needs; the OASIS schema check comes first, this guards the pure function on its own. */
export function structureProblems(json: unknown): Problem[] {
  if (!isRecord(json)) return [problem('a CACAO playbook is a JSON object')];
  if (json['type'] !== 'playbook') return [problem('type: must be "playbook" (this is not a CACAO playbook)', 'type')];
  const wf = json['workflow'];
  if (Array.isArray(wf))
    return [
      problem(
        'workflow: must be an object keyed by step id; this file lists its steps in an array (with step_uuid), which CACAO 2.0 does not allow',
        'workflow',
      ),
    ];
  if (!isRecord(wf)) return [problem('workflow: must be an object keyed by step id', 'workflow')];
  const count = Object.keys(wf).length;
  if (count > LIMITS.maxSteps)
    return [problem(`workflow: ${count} steps, more than the ${LIMITS.maxSteps} a workflow may have`, 'workflow')];
  const bad = Object.entries(wf).filter(([, s]) => !isRecord(s) || typeof s['type'] !== 'string');
  if (bad.length > 0)
    return bad.map(([id]) => problem(`workflow.${id}: a workflow step needs a type`, `workflow.${id}`));
  if (typeof json['workflow_start'] !== 'string')
    return [problem('workflow_start: the first step is missing', 'workflow_start')];
  return [];
}

/** A pointer to a step that does not exist, a missing start, or a cycle no while-condition bounds. */
export function flowProblems(start: string, steps: Record<string, CacaoStep>): Problem[] {
  const problems: Problem[] = [];
  if (!steps[start])
    problems.push(problem(`workflow_start points at ${start}, which does not exist`, 'workflow_start'));
  for (const [id, step] of Object.entries(steps))
    for (const p of stepPointers(step))
      if (!steps[p.to])
        problems.push(
          problem(`workflow.${id}: ${p.key} points at ${p.to}, which does not exist`, `workflow.${id}.${p.key}`),
        );
  if (problems.length > 0) return problems;
  const cycle = unboundedCycle(steps);
  if (cycle)
    problems.push(
      problem(
        `workflow.${cycle[0]}: its steps loop forever (${cycle.join(' → ')}) with no condition to stop; a repeating part must be a while-condition, which imports as a loop with a maximum number of rounds`,
        `workflow.${cycle[0]}`,
      ),
    );
  return problems;
}

/** Steps whose way back is a loop's: a while-condition's body, or one of our exported loops / for-eachs. */
function loopOwner(step: CacaoStep): boolean {
  if (step.type === 'while-condition') return true;
  const ext = step.step_extensions?.[EXTENSION_ID];
  const kept = isRecord(ext) && isRecord(ext['step']) ? ext['step']['type'] : undefined;
  return kept === 'foreach' || kept === 'loop';
}

function unboundedCycle(steps: Record<string, CacaoStep>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    const step = steps[id];
    if (!step) return undefined;
    state.set(id, 'open');
    path.push(id);
    const next = loopOwner(step) ? [] : stepPointers(step).map((p) => p.to);
    for (const to of next) {
      const found = visit(to);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of Object.keys(steps)) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}

const EMAIL = /^[^\s@;,`'"<>()]+@[^\s@;,`'"<>()]+\.[^\s@;,`'"<>()]+$/;

/** Contact e-mail addresses that are not addresses (a shell command smuggled into one is refused). */
export function contactProblems(json: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const section of ['agent_definitions', 'target_definitions'] as const) {
    const defs = json[section];
    if (!isRecord(defs)) continue;
    for (const [id, def] of Object.entries(defs)) {
      const contact = isRecord(def) ? def['contact'] : undefined;
      const email = isRecord(contact) ? contact['email'] : undefined;
      if (!isRecord(email)) continue;
      for (const [key, value] of Object.entries(email))
        if (typeof value !== 'string' || value.length > 320 || !EMAIL.test(value))
          problems.push(
            problem(
              `${section}.${id}: contact e-mail "${key}" is not an e-mail address (${String(value).slice(0, 80)})`,
              `${section}.${id}.contact.email.${key}`,
            ),
          );
    }
  }
  return problems;
}
