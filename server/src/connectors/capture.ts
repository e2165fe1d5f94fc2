/**
 * The values a request of a multi-request action captures from its answer for the requests
 * after it (a device id found by hostname): each read at its JSON Pointer, taken only when
 * it is a non-empty string or a finite number. A missing one ends the call as `not_found`
 * with the definition's message, so nothing further is sent on a search that found nothing.
 */
import type { ConnectorCapture } from '@autonomic/workflow';
import type { OutboundResponse } from '../adapters/http-client';
import { scrubText } from '../adapters/redact';
import { ConnectorError } from './errors';
import { fillBody } from './request';

export function captureValues(
  rules: Record<string, ConnectorCapture> | undefined,
  res: OutboundResponse,
  params: Record<string, unknown>,
  secrets: string[],
  name: string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const entries = Object.entries(rules ?? {});
  if (entries.length === 0) return out;
  let body: unknown;
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch {
    body = undefined;
  }
  for (const [key, rule] of entries) {
    const value = atPointer(body, rule.pointer);
    if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))) {
      out[key] = value;
      continue;
    }
    const said = scrubText(String(fillBody(rule.missing, params) ?? rule.missing), secrets);
    throw new ConnectorError('not_found', `${name}: ${said}`, { status: res.status, retryable: false });
  }
  return out;
}

/** The value at a JSON Pointer (RFC 6901), own properties and array indexes only; undefined when absent. */
export function atPointer(doc: unknown, pointer: string): unknown {
  let here = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(here)) {
      if (!/^(?:0|[1-9]\d*)$/.test(token)) return undefined;
      here = here[Number(token)];
    } else if (typeof here === 'object' && here !== null && Object.hasOwn(here, token)) {
      here = new Map(Object.entries(here)).get(token);
    } else return undefined;
  }
  return here;
}
