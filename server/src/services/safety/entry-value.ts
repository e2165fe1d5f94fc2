/**
 * What a safety entry's value must look like for its kind. The request shape is the
 * contract's (`CreateSafetyEntry`, `UpdateSafetyEntry` in @autonomic/api); this check
 * needs the address parser, so the service runs it on the entry as it will be stored.
 */
import type { SafetyKind } from '@autonomic/api';
import { parseAddress, parseNetwork } from '../../engine/net';

/** RFC 1123 host names: labels of letters, digits and inner hyphens; `_` tolerated (AD names). */
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * The stored form of a value: host names and domains lower-cased without a trailing
 * dot, users lower-cased (the matcher compares them so), addresses as typed.
 */
export function normalizeValue(kind: SafetyKind, value: string): string {
  const v = value.trim();
  if (kind === 'host' || kind === 'domain') return v.toLowerCase().replace(/\.$/, '');
  if (kind === 'user') return v.toLowerCase();
  return v;
}

/** Why `value` is not a valid entry of `kind`, or undefined when it is. */
export function valueProblem(kind: SafetyKind, value: string): string | undefined {
  const v = normalizeValue(kind, value);
  switch (kind) {
    case 'ip':
      return parseAddress(v) && !v.includes('/') ? undefined : 'not an IPv4 or IPv6 address';
    case 'cidr':
      return v.includes('/') && parseNetwork(v) ? undefined : 'not a CIDR block (e.g. 10.0.0.0/8 or fd00::/8)';
    case 'host':
    case 'domain':
      return HOSTNAME.test(v) ? undefined : `not a ${kind} name`;
    case 'user':
      return v.length > 0 ? undefined : 'a user name is required';
  }
}
