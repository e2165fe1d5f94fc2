import { WorkflowDocument } from '../document';
import { WORKFLOW_NODE } from '../problem';
import type { DraftNode, Target } from './draft';
import { reportPlaybook } from './import-elements';
import { stepExtension } from './import-ids';
import type { ImportResult } from './import';
import { branchEnds } from './import-wiring';
import { EXTENSION_ID, isRecord, type CacaoPlaybook, type CacaoStep } from './model';
import { pointer, type Reporter } from './report';
import { varKey, type VariableScope } from './variables';

export interface Mapped {
  pb: CacaoPlaybook;
  steps: Record<string, CacaoStep>;
  drafts: DraftNode[];
  entryOf: Map<string, string>;
  ids: Map<string, string>;
  triggerId: string;
  startIsStart: boolean;
  vars: Record<string, unknown>;
  used: Set<string>;
  scope: VariableScope;
  report: Reporter;
  usedDefinitions: Map<string, string>;
}

function severityOf(n: number | undefined): 'low' | 'medium' | 'high' | 'critical' {
  if (n === undefined) return 'medium';
  return n < 25 ? 'low' : n < 50 ? 'medium' : n < 75 ? 'high' : 'critical';
}

/** Wires the ports (branch ends redirected), adds the trigger and the failure handler, restores x-autonomic details. */
export function finish(m: Mapped): ImportResult {
  const { pb, steps, report } = m;
  const ends = branchEnds(steps);
  const referenced = new Set<string>();
  const resolve = (from: string | undefined, t: Target, depth = 0): string | undefined => {
    if ('node' in t) return t.node;
    const owner = from === undefined ? undefined : ends.get(`${from}->${t.cacao}`);
    const p = owner === undefined ? undefined : steps[owner];
    if (owner !== undefined && p && depth < 50) {
      const pid = m.ids.get(owner) ?? owner;
      if (p.type === 'while-condition') return pid;
      if (p.type === 'parallel') return `${pid.slice(0, 58)}_join`;
      return p.on_completion ? resolve(owner, { cacao: p.on_completion }, depth + 1) : undefined;
    }
    const id = m.entryOf.get(t.cacao);
    if (id) referenced.add(id);
    return id;
  };
  const docSteps: Record<string, Record<string, unknown>> = {};
  for (const d of m.drafts) {
    const transitions: Record<string, string[]> = {};
    for (const [port, targets] of Object.entries(d.ports)) {
      const to = [...new Set(targets.map((t) => resolve(d.from, t)).filter((x): x is string => x !== undefined))];
      to.forEach((x) => referenced.add(x));
      if (to.length > 0) transitions[port] = to;
    }
    docSteps[d.id] = {
      type: d.type,
      label: d.label,
      params: d.params,
      transitions,
      ...(d.timeout ? { timeout: d.timeout } : {}),
    };
  }
  const start = steps[pb.workflow_start];
  const first = m.startIsStart ? (start?.on_completion ?? start?.on_success) : pb.workflow_start;
  const firstId = first ? resolve(undefined, { cacao: first }) : undefined;
  if (!m.startIsStart)
    report.approximated(
      pointer('workflow_start'),
      'metadata',
      `the playbook starts at a ${start?.type} step: a manual trigger was added before it`,
    );
  let onFailure: { continueAt: string } | undefined;
  if (pb.workflow_exception) {
    const at = m.entryOf.get(pb.workflow_exception);
    const handler = at ? docSteps[at] : undefined;
    if (at && handler) {
      // An end step only the exception reaches ends the run as failed: the playbook did not complete.
      const onlyHandler =
        handler['type'] === 'end' &&
        !referenced.has(at) &&
        stepExtension(steps[pb.workflow_exception] ?? { type: 'end' })?.step === undefined;
      if (onlyHandler)
        handler['params'] = { status: 'failed', message: "the playbook's exception handler ended the run" };
      referenced.add(at);
      onFailure = { continueAt: at };
      report.mapped(
        pointer('workflow_exception'),
        'metadata',
        `on an unhandled failure the run continues at step ${at} (the workflow's failure handler)${onlyHandler ? ', which ends the run as failed' : ''}`,
      );
    } else
      report.unsupported(
        pointer('workflow_exception'),
        'metadata',
        `points at ${pb.workflow_exception}, which does not exist: no failure handler imported`,
      );
  }
  for (const [cid, s] of Object.entries(steps)) {
    const id = m.entryOf.get(cid);
    if (s.type === 'end' && id && !referenced.has(id) && stepExtension(s)?.step === undefined) {
      delete docSteps[id];
      report.approximated(
        pointer('workflow', cid),
        'step',
        'a branch end: the branch goes back to the step that opened it, so no End step is needed',
      );
    }
    if (s.type === 'start') {
      const isFirst = cid === pb.workflow_start;
      report.add({
        pointer: pointer('workflow', cid),
        kind: 'step',
        status: isFirst ? 'mapped' : 'unsupported',
        message: isFirst ? 'the start: a manual trigger' : 'a second start step: nothing leads to it, not kept',
        ...(isFirst ? { nodeId: m.triggerId } : {}),
      });
      for (const key of Object.keys(s))
        report.add({
          pointer: pointer('workflow', cid, key),
          kind: 'step property',
          status:
            isFirst && ['type', 'name', 'on_completion', 'on_success', 'step_extensions'].includes(key)
              ? 'mapped'
              : 'unsupported',
          message: isFirst
            ? `the trigger's ${key === 'name' ? 'label' : key === 'type' ? 'type' : 'next step'}`
            : 'not kept',
        });
    }
  }
  for (const name of m.used) {
    const key = varKey(name);
    if (key in m.vars || m.scope.setterOf(name).length > 0) continue;
    m.vars[key] = '';
    report.approximated(
      pointer('playbook_variables', name),
      'variable',
      `used by steps but not declared in the playbook: vars.${key} was added with an empty value, fill it in`,
    );
  }
  const ext = pb.playbook_extensions?.[EXTENSION_ID];
  const kept = isRecord(ext) ? ext : {};
  const startExt = start && m.startIsStart ? stepExtension(start)?.step : undefined;
  const trigger = {
    id: m.triggerId,
    type: 'trigger.manual',
    label: (m.startIsStart ? start?.name : undefined) ?? 'Start',
    params: {},
    ...(startExt ?? {}),
    transitions: firstId ? { out: [firstId] } : {},
  };
  for (const [cid, s] of Object.entries(steps)) {
    const over = stepExtension(s)?.step;
    const id = m.ids.get(cid);
    if (!over || !id || !docSteps[id] || s.type === 'start') continue;
    for (const k of ['label', 'params', 'retry', 'timeout', 'transitions'] as const)
      if (k in over) docSteps[id][k] = over[k];
  }
  const raw = {
    formatVersion: 3,
    metadata: {
      name: pb.name.trim().slice(0, 120) || 'Imported CACAO playbook',
      description: (pb.description ?? '').slice(0, 5000),
      tags: (pb.labels ?? [])
        .filter((l) => l.length > 0)
        .map((l) => l.slice(0, 40))
        .slice(0, 20),
      severity: severityOf(pb.severity),
      ...(isRecord(kept['metadata']) ? kept['metadata'] : {}),
    },
    trigger,
    steps: docSteps,
    vars: isRecord(kept['vars']) ? kept['vars'] : m.vars,
    ...(onFailure ? { onFailure } : {}),
    ...(Array.isArray(kept['tests']) ? { tests: kept['tests'] } : {}),
  };
  reportPlaybook(pb, report, m.usedDefinitions);
  const parsed = WorkflowDocument.safeParse(raw);
  if (!parsed.success)
    return {
      report: report.report(),
      problems: parsed.error.issues.map((i) => ({
        nodeId: WORKFLOW_NODE,
        path: i.path.join('.'),
        message: `the mapped draft is not a valid workflow at ${i.path.join('.')}: ${i.message}`,
      })),
    };
  return { document: parsed.data, report: report.report(), problems: [] };
}
