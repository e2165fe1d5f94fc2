import { z } from 'zod';
import {
  ConnectorActionId,
  ConnectorEffect,
  ConnectorId,
  ConnectorParamName,
  ConnectorTargetKind,
  SemVer,
} from '../../connectors/definition';
import { Template } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

/** A JSON value whose strings are `{{ }}` templates (a string that is one placeholder keeps its value's type). */
export type TemplateJsonValue =
  string | number | boolean | null | TemplateJsonValue[] | { [k: string]: TemplateJsonValue };

export const TemplateJson: z.ZodType<TemplateJsonValue> = z.lazy(() =>
  z.union([Template, z.number(), z.boolean(), z.null(), z.array(TemplateJson), z.record(z.string(), TemplateJson)]),
);

/** A credential's name; the credential itself (and its value) stays on the server. */
export const CredentialName = z
  .string()
  .min(1, 'a credential is required: pick one, or ask an admin to create one on Credentials')
  .max(100, 'a credential name has at most 100 characters')
  // A name, never a template: the engine renders every string param, and a rendered name could pick any credential.
  .regex(/^[^{}]*$/, 'a credential name, not a template');

export const ConnectorStepTarget = z.object({ param: ConnectorParamName, kind: ConnectorTargetKind }).strict();

/**
 * One action of an installed connector, pinned to a version. `effect` and `target` are
 * copies of the pinned action's, made by the editor, so that this package (diff risk,
 * effect class, ports) knows them without the catalog; the server checks the copy
 * against the catalog before saving, publishing and running (`connectorProblems`).
 */
export const connector = defineNode({
  type: 'connector',
  category: 'action',
  label: 'Connector',
  description: 'Runs one action of an installed vendor connector (a pinned version) with a named credential.',
  icon: ['M9 3v5', 'M15 3v5', 'M6 8h12v4a6 6 0 0 1-12 0z', 'M12 18v3'],
  params: z
    .object({
      connector: ConnectorId,
      /** The pinned connector version: an upgrade is a change to review, never automatic. */
      version: SemVer,
      action: ConnectorActionId,
      credential: CredentialName,
      /** Param name → value; strings are templates. Checked against the action's params schema. */
      input: z.record(ConnectorParamName, TemplateJson).default({}),
      effect: ConnectorEffect,
      target: ConnectorStepTarget.optional(),
    })
    .strict(),
  defaults: { connector: '', version: '', action: '', credential: '', input: {}, effect: 'read' },
  ports: () => [{ id: 'out', label: 'Next', required: false }],
  effect: (p) => p.effect,
  summary: (p) => [`${text(p['connector'])}@${text(p['version'])}`, text(p['action']), text(p['credential'])],
  // The target value is one of the inputs.
  target: (p) => (p.target ? { kind: p.target.kind, param: `input.${p.target.param}` } : undefined),
});

/** The connector params of a step, when they are valid (else the schema reports them). */
export function connectorParams(params: unknown): z.infer<typeof connector.params> | undefined {
  const parsed = connector.params.safeParse(params);
  return parsed.success ? parsed.data : undefined;
}
