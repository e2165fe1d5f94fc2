/**
 * The template library (issue 17 §6): SOC playbooks a team starts from. The list says,
 * for each connector a template needs, whether it is installed and whether a credential
 * for it exists; instantiating one creates a workflow whose version 1 is a draft of the
 * template's document, test cases included (queued to run like any saved version).
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Problem } from './common';

export const TemplateConnector = z.object({
  id: z.string(),
  /** The connector's own name when it is installed, else its id. */
  title: z.string(),
  /** Why the template needs it, in words. */
  why: z.string(),
  installed: z.boolean(),
  /** A credential of this connector is stored (an admin adds one otherwise). */
  credential: z.boolean(),
});
export type TemplateConnector = z.infer<typeof TemplateConnector>;

export const TemplateSummary = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  connectors: z.array(TemplateConnector),
  /** How many test cases come with it, and how many steps change something in another system. */
  cases: z.number().int(),
  destructiveSteps: z.number().int(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const TemplateParams = z.object({
  id: z
    .string()
    .min(1, 'the template is required')
    .max(100, 'the template name is too long')
    .regex(/^[a-z0-9-]+$/, 'the template name has only lower-case letters, digits and dashes'),
});

export const InstantiateTemplateBody = z
  .object({
    /** The new workflow's name; the template's title when absent. */
    name: z
      .string()
      .trim()
      .min(1, 'the name cannot be blank')
      .max(120, 'the name is at most 120 characters')
      .optional(),
  })
  .strict();
export type InstantiateTemplateBody = z.infer<typeof InstantiateTemplateBody>;

export const InstantiatedTemplate = z.object({
  workflowId: z.uuid(),
  slug: z.string(),
  version: z.object({ id: z.uuid(), number: z.number().int() }),
  /** What the draft still needs before review (a credential not stored yet, for instance). */
  problems: z.array(Problem),
});
export type InstantiatedTemplate = z.infer<typeof InstantiatedTemplate>;

const tag = 'templates';

export const templatesApi = {
  list: defineRoute({
    method: 'get',
    path: '/templates',
    summary: 'The template library, with the connectors each template needs (installed, credential stored)',
    tag,
    access: 'authenticated',
    response: z.object({ templates: z.array(TemplateSummary) }),
  }),
  instantiate: defineRoute({
    method: 'post',
    path: '/templates/:id/instantiate',
    summary: "Create a workflow whose draft version 1 is the template's playbook and test cases",
    tag,
    access: ['analyst', 'admin'],
    params: TemplateParams,
    body: InstantiateTemplateBody,
    response: InstantiatedTemplate,
    status: 201,
  }),
} as const;
