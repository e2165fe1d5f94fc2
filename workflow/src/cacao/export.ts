import { WorkflowDocument, type Step } from '../document';
import { buildGraph } from '../graph';
import { jsonEqual } from '../diff/values';
import { importCacao } from './import';
import { AGENT, AGENT_ID, cacaoTypeOf, exportStep, withExtension, type CacaoOut, type Json } from './export-steps';
import type { ConnectorLookup } from './export-connector';
import { AUTONOMIC_IDENTITY, EXTENSION_DEFINITION, EXTENSION_ID } from './model';
import { cacaoId, uuidV5 } from './uuid';
import { toCacaoVariable } from './variables';

export interface ExportOptions {
  /** The workflow's id: the playbook id is derived from it (so a playbook-action calling it resolves on import). */
  workflowId?: string;
  /** When the version was created and last changed (ISO 8601). @default the epoch */
  created?: string;
  modified?: string;
  /**
   * The connector catalogue: a connector step is then written as the HTTP request its
   * pinned action sends (the step itself kept in the extension). Without it, a manual
   * command describing the action.
   */
  connectors?: ConnectorLookup;
}

const SEVERITY = { low: 10, medium: 40, high: 60, critical: 90 } as const;
const STEP_FIELDS = ['type', 'label', 'params', 'retry', 'timeout', 'transitions'] as const;

function toJson(v: unknown): Json {
  return JSON.parse(JSON.stringify(v ?? null));
}

type Keeps = {
  steps: Map<string, Record<string, Json>>;
  trigger?: Record<string, Json>;
  playbook: Record<string, Json>;
};

function build(doc: WorkflowDocument, o: ExportOptions, keeps: Keeps): CacaoOut {
  const graph = buildGraph(doc);
  const ids = new Map<string, string>([[doc.trigger.id, cacaoId('start', doc.trigger.id)]]);
  for (const [id, s] of Object.entries(doc.steps)) ids.set(id, cacaoId(cacaoTypeOf(s), id));
  const roundEnds = new Set<string>();
  const ctx = {
    ...(o.connectors ? { connectors: o.connectors } : {}),
    idOf: (n: string) => ids.get(n) ?? cacaoId('end', n),
    roundEnd: (loop: string) => {
      roundEnds.add(loop);
      return cacaoId('end', `${loop}#round-end`);
    },
    isLoopReturn: (from: string, to: string) =>
      doc.steps[to]?.type === 'loop' && (graph.forEachBodies.get(to)?.has(from) ?? false),
  };
  const workflow: Record<string, Json> = {};
  const triggerNext = doc.trigger.transitions['out']?.[0];
  workflow[ctx.idOf(doc.trigger.id)] = withExtension(
    { type: 'start', name: doc.trigger.label, ...(triggerNext ? { on_completion: ctx.idOf(triggerNext) } : {}) },
    doc.trigger.id,
    keeps.trigger,
  );
  for (const [id, s] of Object.entries(doc.steps))
    workflow[ctx.idOf(id)] = withExtension(exportStep(id, s, ctx), id, keeps.steps.get(id));
  for (const loop of roundEnds)
    workflow[cacaoId('end', `${loop}#round-end`)] = {
      type: 'end',
      name: `End of a round of ${doc.steps[loop]?.label ?? loop}`,
    };
  const playbookVariables: Record<string, Json> = {};
  for (const [k, v] of Object.entries(doc.vars))
    playbookVariables[`__${k}__`] = { ...toCacaoVariable(v), constant: true, external: false };
  const epoch = '1970-01-01T00:00:00.000Z';
  return {
    type: 'playbook',
    spec_version: 'cacao-2.0',
    id: `playbook--${uuidV5(o.workflowId ?? doc.metadata.name)}`,
    name: doc.metadata.name,
    ...(doc.metadata.description ? { description: doc.metadata.description } : {}),
    created_by: AUTONOMIC_IDENTITY,
    created: o.created ?? epoch,
    modified: o.modified ?? o.created ?? epoch,
    severity: SEVERITY[doc.metadata.severity],
    ...(doc.metadata.tags.length > 0 ? { labels: doc.metadata.tags } : {}),
    ...(Object.keys(playbookVariables).length > 0 ? { playbook_variables: playbookVariables } : {}),
    workflow_start: ctx.idOf(doc.trigger.id),
    ...(doc.onFailure ? { workflow_exception: ctx.idOf(doc.onFailure.continueAt) } : {}),
    workflow,
    agent_definitions: { [AGENT_ID]: AGENT },
    extension_definitions: { [EXTENSION_ID]: toJson(EXTENSION_DEFINITION) },
    playbook_extensions: { [EXTENSION_ID]: { format_version: doc.formatVersion, ...keeps.playbook } },
  };
}

/** What a re-import would get wrong about a step: the fields to keep in the extension (all of them when the type differs). */
function stepKeep(
  mine: Step | Record<string, unknown>,
  back: Record<string, unknown> | undefined,
): Record<string, Json> | undefined {
  const m: Record<string, unknown> = { ...mine };
  const full = !back || back['type'] !== m['type'];
  const keep: Record<string, Json> = {};
  for (const f of STEP_FIELDS) if (f in m && (full || !jsonEqual(m[f], back?.[f]))) keep[f] = toJson(m[f]);
  if (full) keep['transitions'] = toJson(m['transitions'] ?? {});
  return Object.keys(keep).length > 0 ? keep : undefined;
}

/**
 * A workflow version as a CACAO 2.0 playbook. Steps CACAO can say are exported natively
 * (HTTP → action with an http-api command, approval → manual command, condition → if,
 * switch, loop → while, parallel, sub-workflow → playbook-action, end); the rest become
 * an action with a manual command describing it. Whatever a re-import would not restore
 * exactly goes in the x-autonomic extension of the step or playbook. Ids are
 * `<cacao step type>--<uuid v5 of the node id>`: the same version exports the same ids.
 */
export function exportCacao(document: WorkflowDocument, options: ExportOptions = {}): CacaoOut {
  const doc = WorkflowDocument.parse(document);
  const native = build(doc, options, { steps: new Map(), playbook: {} });
  const back = importCacao(native).document;
  const again = back ? WorkflowDocument.safeParse(back) : undefined;
  const re = again?.success ? again.data : undefined;
  const steps = new Map<string, Record<string, Json>>();
  for (const [id, s] of Object.entries(doc.steps)) {
    const keep = stepKeep(s, re?.steps[id]);
    if (keep) steps.set(id, keep);
  }
  const trigger =
    re && re.trigger.id === doc.trigger.id
      ? stepKeep({ ...doc.trigger }, { ...re.trigger })
      : stepKeep({ ...doc.trigger }, undefined);
  const { transitions: _t, ...triggerKeep } = trigger ?? {};
  const tKeep = {
    ...triggerKeep,
    ...(jsonEqual(doc.trigger.inputSchema, re?.trigger.inputSchema)
      ? {}
      : { inputSchema: toJson(doc.trigger.inputSchema) }),
  };
  const playbook: Record<string, Json> = {};
  if (!re || !jsonEqual(doc.metadata, re.metadata)) playbook['metadata'] = toJson(doc.metadata);
  if (!re || !jsonEqual(doc.vars, re.vars)) playbook['vars'] = toJson(doc.vars);
  if (doc.tests.length > 0) playbook['tests'] = toJson(doc.tests);
  return build(doc, options, { steps, ...(Object.keys(tKeep).length > 0 ? { trigger: tKeep } : {}), playbook });
}
