import { isRecord, str, type CacaoCommand, type CacaoStep } from './model';
import type { VariableScope } from './variables';

/** What one CACAO command becomes: a step of ours, and how faithfully. */
export interface MappedCommand {
  type: 'http' | 'approval';
  params: Record<string, unknown>;
  status: 'mapped' | 'approximated' | 'unsupported';
  message: string;
}

export interface CommandContext {
  scope: VariableScope;
  used: Set<string>;
  /** The playbook's target and agent definitions, to build a URL from an http-api target's address. */
  definitions: Record<string, Record<string, unknown>>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** base64 text (UTF-8) without Node's Buffer: this package also runs in the browser. */
export function fromBase64(b64: string): string {
  const bin = atob(b64.replace(/\s+/g, ''));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function toBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function commandText(cmd: CacaoCommand): string {
  if (cmd.command !== undefined) return cmd.command;
  if (cmd.command_b64 !== undefined) {
    try {
      return fromBase64(cmd.command_b64);
    } catch {
      return cmd.command_b64;
    }
  }
  return cmd.description ?? '';
}

/** The host of the step's first http-api (or net-address) target or agent: `dname`, `ipv4`, `ipv6` or `url`. */
function baseUrl(step: CacaoStep, ctx: CommandContext): { url: string; from: string } | undefined {
  for (const id of [...(step.targets ?? []), ...(step.agent ? [step.agent] : [])]) {
    const def = ctx.definitions[id];
    const address = isRecord(def?.['address']) ? def['address'] : undefined;
    if (!def || !address) continue;
    const first = (k: string) => {
      const v = address[k];
      return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
    };
    const url = first('url');
    if (url) return { url: url.replace(/\/$/, ''), from: str(def['name']) ?? id };
    const host = first('dname') ?? first('ipv4') ?? first('ipv6');
    if (!host) continue;
    const port = str(def['port']);
    const scheme = /^[a-z]+:\/\//i.test(host) ? '' : port === '443' ? 'https://' : 'http://';
    return {
      url: `${scheme}${host.replace(/\/$/, '')}${port && port !== '80' && port !== '443' ? `:${port}` : ''}`,
      from: str(def['name']) ?? id,
    };
  }
  return undefined;
}

/**
 * `GET /path HTTP/1.1` → method and target (which may hold `{{ }}` templates with
 * spaces). Split by hand, not by one regex: a long command must not make it backtrack.
 */
function splitRequest(text: string): { method: string; target: string } | undefined {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return undefined;
  const method = trimmed.slice(0, space).toUpperCase();
  let target = trimmed.slice(space).trim();
  const version = /\sHTTP\/?\d(?:\.\d)?$/.exec(target.slice(-12));
  if (version) target = target.slice(0, target.length - version[0].length).trimEnd();
  return METHODS.has(method) && target.length > 0 ? { method, target } : undefined;
}

function httpCommand(
  cmd: CacaoCommand,
  step: CacaoStep,
  ctx: CommandContext,
  openc2: boolean,
): MappedCommand | undefined {
  const request = splitRequest(commandText(cmd));
  if (!request) return undefined;
  const { method } = request;
  const notes: string[] = [];
  let url = request.target;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('__')) {
    const base = baseUrl(step, ctx);
    if (base) {
      url = `${base.url}/${url.replace(/^\//, '')}`;
      notes.push(`the URL is built from the address of ${base.from}`);
    } else notes.push('the URL has no host (no target with an address): complete it');
  }
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(cmd.headers ?? {})) {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(name)) {
      notes.push(`header "${name}" is not a valid header name and was left out`);
      continue;
    }
    headers[name] = ctx.scope.template((Array.isArray(values) ? values : [String(values)]).join(', '), ctx.used);
  }
  let body = cmd.content;
  if (body === undefined && cmd.content_b64 !== undefined) {
    body = fromBase64(cmd.content_b64);
    notes.push('the base64 content is decoded into the body');
  }
  if (openc2 && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = 'application/openc2+json';
  const params: Record<string, unknown> = {
    method,
    url: ctx.scope.template(url, ctx.used),
    headers,
    ...(body === undefined ? {} : { body: ctx.scope.template(body, ctx.used) }),
  };
  const what = openc2
    ? `an OpenC2 request (${method}) as an HTTP request with the OpenC2 body`
    : `an HTTP ${method} request`;
  return {
    type: 'http',
    params,
    status: notes.length > 0 || cmd.type === 'openc2' ? 'approximated' : 'mapped',
    message: [what, ...notes].join('; '),
  };
}

/** A manual task: an approval asking reviewers, the instruction as its message. */
export function manualTask(text: string, timeoutMs: number | undefined): Record<string, unknown> {
  const seconds = timeoutMs === undefined ? undefined : Math.max(1, Math.round(timeoutMs / 1000));
  return {
    approvers: { users: [], roles: ['reviewer'], targetOwner: false },
    quorum: 1,
    message: text,
    timeout: seconds === undefined ? '1h' : `${seconds}s`,
    escalation: [],
    onTimeout: 'timeout',
  };
}

export function mapCommand(cmd: CacaoCommand, step: CacaoStep, ctx: CommandContext): MappedCommand {
  const type = cmd.type;
  if (type === 'http-api' || type === 'openc2-http' || type === 'openc2') {
    const http = httpCommand(cmd, step, ctx, type !== 'http-api');
    if (http) return http;
  }
  const text = ctx.scope.template(commandText(cmd), ctx.used);
  const task = manualTask(step.description ? `${step.description}\n\n${text}` : text, step.timeout);
  if (type === 'manual')
    return {
      type: 'approval',
      params: task,
      status: 'approximated',
      message: 'a manual command becomes an Approval: reviewers confirm they did it (approved) or not (rejected)',
    };
  if (type === 'ssh' || type === 'bash' || type === 'powershell')
    return {
      type: 'approval',
      params: task,
      status: 'approximated',
      message: `no installed connector runs ${type} commands: approximated as a manual task (an Approval) with the command text for the analyst to run`,
    };
  return {
    type: 'approval',
    params: task,
    status: 'unsupported',
    message: `no Autonomic step runs "${type}" commands${type.startsWith('http') || type.startsWith('openc2') ? ' written this way (METHOD path)' : ''}: a manual task (an Approval) holds its text`,
  };
}
