import { z } from 'zod';
import { parseAddress, parseNetwork } from '../../engine/net';

export const SafetyListName = z.enum(['protected', 'auto_ok']);
export const SafetyKind = z.enum(['ip', 'cidr', 'host', 'user', 'domain']);
export const CriticalityName = z.enum(['low', 'medium', 'high', 'critical']);

/** RFC 1123 host names: labels of letters, digits and inner hyphens; `_` tolerated (AD names). */
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * The stored form of a value: host names and domains lower-cased without a trailing
 * dot, users lower-cased (the matcher compares them so), addresses as typed.
 */
export function normalizeValue(kind: z.infer<typeof SafetyKind>, value: string): string {
  const v = value.trim();
  if (kind === 'host' || kind === 'domain') return v.toLowerCase().replace(/\.$/, '');
  if (kind === 'user') return v.toLowerCase();
  return v;
}

/** Why `value` is not a valid entry of `kind`, or undefined when it is. */
export function valueProblem(kind: z.infer<typeof SafetyKind>, value: string): string | undefined {
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

const fields = {
  list: SafetyListName,
  kind: SafetyKind,
  value: z.string().trim().min(1, 'a value is required').max(512),
  criticality: CriticalityName.default('medium'),
  reason: z.string().trim().min(1, 'a reason is required').max(500),
  owner: z.string().trim().max(128).nullable().optional(),
};

/** POST body: the value is checked against its kind, and the error names `value`. */
export const CreateSafetyEntry = z
  .object(fields)
  .strict()
  .superRefine((e, ctx) => {
    const problem = valueProblem(e.kind, e.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type CreateSafetyEntry = z.infer<typeof CreateSafetyEntry>;

/** PATCH body: any field; the merged entry is checked again by the service. */
export const UpdateSafetyEntry = z
  .object({
    list: fields.list.optional(),
    kind: fields.kind.optional(),
    value: fields.value.optional(),
    criticality: CriticalityName.optional(),
    reason: fields.reason.optional(),
    owner: fields.owner,
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UpdateSafetyEntry = z.infer<typeof UpdateSafetyEntry>;
