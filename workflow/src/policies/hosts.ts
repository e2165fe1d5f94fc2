/**
 * The `http-hosts` rule: an http step whose method the rule names calls only an allowed
 * host. The host is read from the URL template; a `{{ vars.x }}` placeholder is replaced
 * by the document's variable when that is a string constant, any other placeholder in the
 * scheme or host means the host is only known at run time, which the rule refuses.
 */
import { splitTemplate } from '../expression';
import { isRecord } from '../problem';
import type { Finding, RuleInput } from './rule-input';
import type { PolicyRule } from './schema';

/** Stands for a placeholder whose value is only known at run time. */
const UNKNOWN = '\u0000';
const VAR = /^(?:\$\$\.)?vars\.([A-Za-z_][A-Za-z0-9_]*)$/;
const AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/;

export type UrlHost = { kind: 'host'; host: string } | { kind: 'runtime' } | { kind: 'invalid' };

/** The host a URL template calls, lower-case, with the document's string variables put in. */
export function urlHost(url: string, vars: Record<string, unknown>): UrlHost {
  const resolved = splitTemplate(url)
    .map((p) => {
      if (p.kind === 'text') return p.text;
      const name = VAR.exec(p.source)?.[1];
      const value = name !== undefined && Object.hasOwn(vars, name) ? vars[name] : undefined;
      return typeof value === 'string' ? value : UNKNOWN;
    })
    .join('');
  const authority = AUTHORITY.exec(resolved)?.[1];
  if (authority === undefined)
    return resolved.split(/[/?#]/)[0]?.includes(UNKNOWN) ? { kind: 'runtime' } : { kind: 'invalid' };
  if (authority.includes(UNKNOWN)) return { kind: 'runtime' };
  try {
    const host = new URL(`http://${authority}`).hostname.toLowerCase();
    return host === '' ? { kind: 'invalid' } : { kind: 'host', host };
  } catch {
    return { kind: 'invalid' };
  }
}

/** Exact host names (any case), or `*.example.com` for a sub-domain of example.com (not the apex). */
export function hostAllowed(host: string, allow: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allow.some((entry) => {
    const a = entry.trim().toLowerCase().replace(/\.$/, '');
    if (a.startsWith('*.')) return h.endsWith(a.slice(1)) && h.length > a.length - 1;
    return h === a;
  });
}

export function httpHostViolations(rule: Extract<PolicyRule, { kind: 'http-hosts' }>, input: RuleInput): Finding[] {
  const { doc } = input;
  const allowed = rule.allow.length === 0 ? 'the allow-list is empty' : `allowed: ${rule.allow.join(', ')}`;
  return Object.keys(doc.steps)
    .sort()
    .flatMap((id) => {
      const step = doc.steps[id];
      if (step?.type !== 'http') return [];
      const params = isRecord(step.params) ? step.params : {};
      const method = typeof params['method'] === 'string' ? params['method'] : 'GET';
      const url = typeof params['url'] === 'string' ? params['url'] : '';
      if (!(rule.methods as string[]).includes(method)) return [];
      const found = urlHost(url, doc.vars);
      const name = input.name(id);
      if (found.kind === 'host' && hostAllowed(found.host, rule.allow)) return [];
      const message =
        found.kind === 'host'
          ? `${name} sends ${method} to ${found.host}, a host not on the allow-list (${allowed})`
          : found.kind === 'runtime'
            ? `${name} sends ${method} to a host only known at run time (${url}): the allow-list cannot be checked; write the host in the URL or in a workflow variable`
            : `${name} sends ${method} to ${url}, whose host cannot be read: write an absolute URL (https://host/…)`;
      return [{ nodeId: id, message }];
    });
}
