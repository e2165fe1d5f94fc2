import type { WorkflowDocumentInput } from '../document';
import { WORKFLOW_NODE, type Problem } from '../problem';
import { cacao, type DraftNode, type Target } from './draft';
import { contactProblems, flowProblems, structureProblems } from './import-checks';
import { assignIds, keptNodeId, stepExtension } from './import-ids';
import { reportStepKeys } from './import-step-keys';
import { finish } from './import-finish';
import { mapStep } from './import-steps';
import { CacaoPlaybook, isRecord } from './model';
import { pointer, Reporter, type ImportReport } from './report';
import { VariableScope, varKey, varValue } from './variables';

export interface ImportOptions {
  /** A workflow id for a CACAO playbook id (a playbook-action's `playbook_id`), when one is known. */
  resolvePlaybook?: (playbookId: string) => string | undefined;
  /** Schema errors the caller tolerated (`cacaoSchemaProblems(...).tolerated`), reported as approximations. */
  tolerated?: ReadonlyArray<{ pointer: string; message: string }>;
}

export interface ImportResult {
  /** The draft, absent when the playbook is rejected (`problems` says why). */
  document?: WorkflowDocumentInput;
  report: ImportReport;
  /** Why the playbook is rejected, each naming the element; empty when it imported. */
  problems: Problem[];
}

/**
 * Maps a CACAO 2.0 playbook to a draft workflow and says, element by element, how.
 * Check it against the OASIS schemas first (`cacaoSchemaProblems`); this function then
 * rejects what would not run (a pointer to a missing step, a loop without a bound, a
 * contact address that is not one) and maps the rest. Pure: no I/O.
 */
export function importCacao(json: unknown, options: ImportOptions = {}): ImportResult {
  const report = new Reporter();
  const reject = (problems: Problem[]): ImportResult => ({ report: report.report(), problems });
  const structural = structureProblems(json);
  if (structural.length > 0) return reject(structural);
  const parsed = CacaoPlaybook.safeParse(json);
  if (!parsed.success)
    return reject(
      parsed.error.issues.map((i) => ({
        nodeId: WORKFLOW_NODE,
        path: i.path.join('.'),
        message: `${i.path.join('.')}: ${i.code === 'invalid_type' ? `must be ${i.expected}` : i.message}`,
      })),
    );
  const pb = parsed.data;
  for (const t of options.tolerated ?? []) report.approximated(t.pointer, 'schema', t.message);
  const rejections = [
    ...flowProblems(pb.workflow_start, pb.workflow),
    ...(isRecord(json) ? contactProblems(json) : []),
  ];
  if (rejections.length > 0) return reject(rejections);

  const steps = pb.workflow;
  const startStep = steps[pb.workflow_start];
  const startIsStart = startStep?.type === 'start';
  const triggerId = (startIsStart && startStep ? keptNodeId(startStep) : undefined) ?? 'start';
  const ids = assignIds(Object.fromEntries(Object.entries(steps).filter(([, s]) => s.type !== 'start')), [triggerId]);
  const scope = new VariableScope();
  const vars: Record<string, unknown> = {};
  const addVar = (name: string, v: { type: string; value?: string | null | undefined }) => {
    if (!(varKey(name) in vars)) vars[varKey(name)] = varValue(v.type, v.value);
  };
  for (const [name, v] of Object.entries(pb.playbook_variables ?? {})) {
    addVar(name, v);
    const how = v.constant === false ? '; steps that set it (out_args) are read from their output' : '';
    const ext = v.external ? '; external: set its value in vars, callers cannot pass it' : '';
    report.add({
      pointer: pointer('playbook_variables', name),
      kind: 'variable',
      status: how || ext ? 'approximated' : 'mapped',
      message: `vars.${varKey(name)}${how}${ext}`,
    });
  }
  for (const [cid, s] of Object.entries(steps)) {
    for (const [name, v] of Object.entries(s.step_variables ?? {})) addVar(name, v);
    const http = (s.commands ?? []).some((c) => c.type.startsWith('http') || c.type.startsWith('openc2'));
    for (const name of s.out_args ?? []) scope.setBy(name, ids.get(cid) ?? cid, http);
  }

  const used = new Set<string>();
  const definitions = { ...(pb.agent_definitions ?? {}), ...(pb.target_definitions ?? {}) };
  const usedDefinitions = new Map<string, string>();
  const drafts: DraftNode[] = [];
  const entryOf = new Map<string, string>();
  for (const [cid, s] of Object.entries(steps)) {
    if (s.type === 'start') continue;
    const id = ids.get(cid) ?? cid;
    const m = mapStep(id, s, {
      scope,
      used,
      definitions,
      ...(options.resolvePlaybook ? { resolvePlaybook: options.resolvePlaybook } : {}),
    });
    const kept = stepExtension(s)?.step;
    if (kept && typeof kept['type'] === 'string' && isRecord(kept['transitions'])) {
      const node = m.nodes[0];
      const ports: Record<string, Target[]> = {};
      for (const [port, to] of Object.entries(kept['transitions']))
        ports[port] = Array.isArray(to) ? to.map((n) => ({ node: String(n) })) : [];
      m.nodes = [
        {
          id,
          type: kept['type'],
          label: String(kept['label'] ?? node?.label ?? id),
          params: isRecord(kept['params']) ? kept['params'] : {},
          ports,
        },
      ];
    }
    const urlFrom = m.nodes.some((n) => n.type === 'http')
      ? [...(s.targets ?? []), ...(s.agent ? [s.agent] : [])].filter((t) => isRecord(definitions[t]?.['address']))
      : [];
    for (const t of urlFrom) usedDefinitions.set(t, `its address gives the host of the request URL of step ${id}`);
    let entry = m.entry;
    if (s.delay !== undefined && s.delay > 0) {
      entry = `${id.slice(0, 56)}_delay`;
      drafts.push({
        id: entry,
        type: 'delay',
        label: `Wait before ${m.nodes[0]?.label ?? id}`.slice(0, 120),
        params: { duration: `${s.delay}ms` },
        ports: { out: [{ node: m.entry }] },
        from: cid,
      });
    }
    for (const n of m.nodes) {
      if (s.timeout !== undefined && n.type !== 'approval' && n.type !== 'end')
        n.timeout = `${Math.max(1, Math.round(s.timeout))}ms`;
      drafts.push({ ...n, from: cid });
    }
    if (s.type === 'parallel' && s.on_completion)
      drafts.push({
        id: `${id.slice(0, 58)}_join`,
        type: 'join',
        label: `Join ${m.nodes[0]?.label ?? id}`.slice(0, 120),
        params: { mode: 'all' },
        ports: { out: cacao(s.on_completion) },
        from: cid,
      });
    entryOf.set(cid, entry);
    reportStepKeys(cid, s, m, report, urlFrom.length > 0);
  }
  return finish({
    pb,
    steps,
    drafts,
    entryOf,
    ids,
    triggerId,
    startIsStart,
    vars,
    used,
    scope,
    report,
    usedDefinitions,
  });
}
