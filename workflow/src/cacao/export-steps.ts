import type { Step } from '../document';
import { durationMs } from '../duration';
import { STEP_DEFINITIONS } from '../nodes';
import { connectorCommand, type ConnectorLookup } from './export-connector';
import { EXTENSION_ID } from './model';
import { toStixPattern } from './stix-export';
import { cacaoId, uuidV5 } from './uuid';
import { toCacaoText } from './variables';

/** The agent every exported action names (CACAO requires one): Autonomic itself. */
export const AGENT_ID = `organization--${uuidV5('autonomic-agent')}`;
export const AGENT = { type: 'organization', name: 'Autonomic' } as const;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type CacaoOut = Record<string, Json>;

/** The CACAO step type a node of ours is exported as. */
export function cacaoTypeOf(step: Step): string {
  switch (step.type) {
    case 'condition':
      return 'if-condition';
    case 'switch':
      return 'switch-condition';
    case 'loop':
      return 'while-condition';
    case 'parallel':
      return 'parallel';
    case 'subworkflow':
      return 'playbook-action';
    case 'end':
      return 'end';
    default:
      return 'action';
  }
}

export interface ExportContext {
  /** The catalogue's connector definitions, to write a connector step as its HTTP request. */
  connectors?: ConnectorLookup;
  /** The CACAO id of a node of ours (a step or the trigger). */
  idOf(nodeId: string): string;
  /** The branch end a loop body returns through. */
  roundEnd(loopId: string): string;
  /** Whether a pointer to `to` is a loop body returning to its loop (exported through a branch end). */
  isLoopReturn(from: string, to: string): boolean;
}

function first(step: Step, port: string, ctx: ExportContext, from: string): string | undefined {
  const to = step.transitions[port]?.[0];
  if (to === undefined) return undefined;
  return ctx.isLoopReturn(from, to) ? ctx.roundEnd(to) : ctx.idOf(to);
}

function describe(step: Step): string {
  const p = STEP_DEFINITIONS.connector.params.safeParse(step.params).data;
  if (step.type === 'connector' && p) {
    return `Run ${p.connector}@${p.version} action ${p.action} with credential ${p.credential}`;
  }
  return `Autonomic ${step.type} step "${step.label}": ${JSON.stringify(step.params)}`.slice(0, 2000);
}

/** One node as a CACAO step (without the x-autonomic extension, added by the caller). */
export function exportStep(id: string, step: Step, ctx: ExportContext): CacaoOut {
  const type = cacaoTypeOf(step);
  const out: CacaoOut = { type, name: step.label };
  const onFailure = first(step, 'error', ctx, id);
  if (onFailure) out['on_failure'] = onFailure;
  const next = (port: string, key = 'on_completion') => {
    const to = first(step, port, ctx, id);
    if (to) out[key] = to;
  };
  if (step.timeout && type === 'action') out['timeout'] = durationMsOf(step.timeout);
  switch (step.type) {
    case 'http': {
      const p = STEP_DEFINITIONS.http.params.safeParse(step.params).data;
      if (!p) break;
      const headers: Record<string, Json> = {};
      for (const [k, v] of Object.entries(p.headers)) headers[k] = [toCacaoText(v)];
      out['commands'] = [
        {
          type: 'http-api',
          command: `${p.method} ${toCacaoText(p.url)}`,
          ...(Object.keys(headers).length ? { headers } : {}),
          ...(p.body !== undefined ? { content: toCacaoText(p.body) } : {}),
        },
      ];
      out['agent'] = AGENT_ID;
      next('out');
      return out;
    }
    case 'approval': {
      const p = STEP_DEFINITIONS.approval.params.safeParse(step.params).data;
      if (!p) break;
      out['commands'] = [{ type: 'manual', command: toCacaoText(p.message || step.label) }];
      out['agent'] = AGENT_ID;
      out['timeout'] = durationMsOf(p.timeout);
      next('approved');
      if (!onFailure) next('rejected', 'on_failure');
      return out;
    }
    case 'condition': {
      const p = STEP_DEFINITIONS.condition.params.safeParse(step.params).data;
      if (!p) break;
      out['condition'] = toStixPattern(p.predicate);
      next('true', 'on_true');
      next('false', 'on_false');
      return out;
    }
    case 'loop': {
      const p = STEP_DEFINITIONS.loop.params.safeParse(step.params).data;
      if (!p) break;
      out['condition'] = toStixPattern(/^\$not\(([\s\S]*)\)$/.exec(p.until)?.[1] ?? `$not(${p.until})`);
      next('body', 'on_true');
      next('done');
      return out;
    }
    case 'switch': {
      const p = STEP_DEFINITIONS.switch.params.safeParse(step.params).data;
      if (!p) break;
      const cases: Record<string, Json> = {};
      for (const c of p.cases) {
        const to = first(step, c.port, ctx, id);
        if (to) cases[String(c.equals)] = to;
      }
      const dflt = first(step, 'default', ctx, id);
      if (dflt) cases['default'] = dflt;
      out['switch'] = toCacaoText(`{{ ${p.value} }}`).replace(/^\{\{ ([\s\S]*) \}\}$/, '$1');
      out['cases'] = cases;
      return out;
    }
    case 'parallel':
      out['next_steps'] = (step.transitions['branches'] ?? []).map((to) => ctx.idOf(to));
      return out;
    case 'subworkflow': {
      const p = STEP_DEFINITIONS.subworkflow.params.safeParse(step.params).data;
      if (!p) break;
      out['playbook_id'] = `playbook--${uuidV5(p.workflow)}`;
      next('out');
      return out;
    }
    case 'connector': {
      const p = STEP_DEFINITIONS.connector.params.safeParse(step.params).data;
      const command = p ? connectorCommand(p, ctx.connectors) : undefined;
      if (!command) break;
      out['commands'] = [command];
      out['agent'] = AGENT_ID;
      next('out');
      return out;
    }
    case 'end':
      return out;
  }
  {
    out['type'] = 'action';
    out['commands'] = [{ type: 'manual', command: describe(step) }];
    out['agent'] = AGENT_ID;
    next(Object.keys(step.transitions).find((k) => k !== 'error' && k !== 'item' && k !== 'body') ?? 'out');
    return out;
  }
}

function durationMsOf(d: string): number {
  try {
    return durationMs(d);
  } catch {
    return 0;
  }
}

export function withExtension(out: CacaoOut, nodeId: string, keep: Record<string, Json> | undefined): CacaoOut {
  return { ...out, step_extensions: { [EXTENSION_ID]: { node_id: nodeId, ...(keep ? { step: keep } : {}) } } };
}

export { cacaoId };
