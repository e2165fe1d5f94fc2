import { z } from 'zod';
import { uuidV5 } from './uuid';

const ids = z.array(z.string());

export const CacaoVariable = z.looseObject({
  type: z.string(),
  description: z.string().optional(),
  value: z.string().nullable().optional(),
  constant: z.boolean().optional(),
  external: z.boolean().optional(),
});
export type CacaoVariable = z.infer<typeof CacaoVariable>;

export const CacaoCommand = z.looseObject({
  type: z.string(),
  command: z.string().optional(),
  command_b64: z.string().optional(),
  content: z.string().optional(),
  content_b64: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  description: z.string().optional(),
});
export type CacaoCommand = z.infer<typeof CacaoCommand>;

/** A CACAO 2.0 workflow step, the properties this mapping reads (checked against the OASIS schema first). */
export const CacaoStep = z.looseObject({
  type: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  on_completion: z.string().optional(),
  on_success: z.string().optional(),
  on_failure: z.string().optional(),
  commands: z.array(CacaoCommand).optional(),
  agent: z.string().optional(),
  targets: ids.optional(),
  condition: z.string().optional(),
  on_true: z.string().optional(),
  on_false: z.string().optional(),
  switch: z.string().optional(),
  cases: z.record(z.string(), z.string()).optional(),
  next_steps: ids.optional(),
  playbook_id: z.string().optional(),
  playbook_version: z.string().optional(),
  step_variables: z.record(z.string(), CacaoVariable).optional(),
  timeout: z.number().optional(),
  delay: z.number().optional(),
  in_args: ids.optional(),
  out_args: ids.optional(),
  step_extensions: z.record(z.string(), z.unknown()).optional(),
});
export type CacaoStep = z.infer<typeof CacaoStep>;

/** A CACAO 2.0 playbook (the properties this mapping reads or writes). */
export const CacaoPlaybook = z.looseObject({
  type: z.literal('playbook'),
  spec_version: z.string(),
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  created_by: z.string(),
  created: z.string(),
  modified: z.string(),
  labels: z.array(z.string()).optional(),
  severity: z.number().optional(),
  playbook_types: z.array(z.string()).optional(),
  playbook_variables: z.record(z.string(), CacaoVariable).optional(),
  workflow_start: z.string(),
  workflow_exception: z.string().optional(),
  workflow: z.record(z.string(), CacaoStep),
  agent_definitions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  target_definitions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  extension_definitions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  playbook_extensions: z.record(z.string(), z.unknown()).optional(),
});
export type CacaoPlaybook = z.infer<typeof CacaoPlaybook>;

/** The extension that carries what CACAO cannot say about our steps, so a re-import restores them exactly. */
export const EXTENSION_ID = `extension-definition--${uuidV5('x-autonomic')}`;
/** The identity named as creator of what we export. */
export const AUTONOMIC_IDENTITY = `identity--${uuidV5('autonomic')}`;

export const EXTENSION_DEFINITION = {
  type: 'extension-definition',
  name: 'x-autonomic',
  description:
    'Autonomic workflow details CACAO 2.0 cannot express (node ids, approvals, loops bounds, test cases …), kept so that a re-import restores the workflow exactly.',
  created_by: AUTONOMIC_IDENTITY,
  schema: 'https://autonomic.invalid/cacao/x-autonomic-1.0.json',
  version: '1.0.0',
} as const;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
