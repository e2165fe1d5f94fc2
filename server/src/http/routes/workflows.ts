/**
 * Workflows and their immutable versions. Everyone signed in reads them (reviewers and
 * managers must see what they review and measure); the owner or an admin writes.
 */
import { z } from 'zod';
import { VersionStatus } from '../../generated/prisma/enums';
import type { WorkflowServices } from '../../services/workflows';
import type { RouteModule } from '../app';

export type WorkflowRouteDeps = Pick<WorkflowServices, 'workflows' | 'versions' | 'publishing'>;

/** A workflow id, or its slug. */
export const WorkflowRef = z.string().min(1).max(200);
export const VersionNumber = z.coerce.number().int().min(1).max(2_147_483_647);
const Ref = z.object({ id: WorkflowRef });
const RefVersion = z.object({ id: WorkflowRef, number: VersionNumber });

/** The document is validated by the service (`validateDocument`), which reports every problem at once. */
const SaveBody = z
  .object({
    document: z.record(z.string(), z.unknown()),
    changeNote: z.string().max(2000).optional(),
  })
  .strict();

const Limit = z.number().int().min(0).max(1_000_000).nullable();
const SettingsBody = z
  .object({
    killSwitch: z.boolean().optional(),
    maxDestructivePerRun: Limit.optional(),
    maxDestructivePerHour: Limit.optional(),
    manualBaselineMinutes: z.number().int().min(0).max(10_000).nullable().optional(),
  })
  .strict();

const ListQuery = z.object({
  search: z.string().max(200).optional(),
  status: z.enum(VersionStatus).optional(),
  owner: z.union([z.literal('me'), z.uuid()]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

const DiffQuery = z.object({
  from: z.union([z.literal('published'), VersionNumber]),
  to: VersionNumber,
});

export function workflowRoutes({ workflows, versions, publishing }: WorkflowRouteDeps): RouteModule {
  return (api) => {
    const tag = 'workflows';
    api.add(
      {
        method: 'post',
        path: '/workflows',
        summary: 'Create a workflow and its version 1 (a draft may have problems)',
        tag,
        access: ['analyst', 'admin'],
        body: SaveBody,
        status: 201,
      },
      async ({ body, actor }) => workflows.create(actor, body),
    );
    api.add(
      {
        method: 'get',
        path: '/workflows',
        summary: 'List workflows with their latest and published versions and last live run',
        tag,
        access: 'authenticated',
        query: ListQuery,
      },
      async ({ query, actor }) => ({ workflows: await workflows.list(actor, query) }),
    );
    api.add(
      {
        method: 'get',
        path: '/workflows/:id',
        summary: 'A workflow (by id or slug) with its published and latest version',
        tag,
        access: 'authenticated',
        params: Ref,
      },
      async ({ params }) => workflows.get(params.id),
    );
    api.add(
      {
        method: 'patch',
        path: '/workflows/:id/settings',
        summary: 'Kill switch (owner, reviewer, admin) and blast-radius limits (owner, admin)',
        tag,
        access: ['analyst', 'reviewer', 'admin'],
        params: Ref,
        body: SettingsBody,
      },
      async ({ params, body, actor }) => workflows.updateSettings(actor, params.id, body),
    );
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/versions',
        summary: 'Save a version: 201 new, 200 with created=false when the content hash exists',
        tag,
        access: ['analyst', 'admin'],
        params: Ref,
        body: SaveBody,
        status: 201,
      },
      async ({ params, body, actor, res }) => {
        const saved = await versions.save(actor, params.id, body);
        if (saved.created) return saved;
        res.status(200).json(saved);
        return undefined;
      },
    );
    api.add(
      {
        method: 'get',
        path: '/workflows/:id/versions',
        summary: 'Versions, newest first (no documents)',
        tag,
        access: 'authenticated',
        params: Ref,
      },
      async ({ params }) => ({ versions: await versions.list(params.id) }),
    );
    api.add(
      {
        method: 'get',
        path: '/workflows/:id/versions/:number',
        summary: 'A version: document, validation problems, status, reviews',
        tag,
        access: 'authenticated',
        params: RefVersion,
      },
      async ({ params }) => versions.get(params.id, params.number),
    );
    api.add(
      {
        method: 'get',
        path: '/workflows/:id/diff',
        summary: 'Semantic diff between two versions (`from` may be `published`)',
        tag,
        access: 'authenticated',
        params: Ref,
        query: DiffQuery,
      },
      async ({ params, query }) => versions.diff(params.id, query.from, query.to),
    );
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/versions/:number/publish',
        summary: 'Publish an approved version (owner, admin, or a reviewer who approved it)',
        tag,
        access: ['analyst', 'reviewer', 'admin'],
        params: RefVersion,
      },
      async ({ params, actor }) => publishing.publish(actor, params.id, params.number),
    );
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/rollback',
        summary: 'Publish an earlier approved version again',
        tag,
        access: ['analyst', 'reviewer', 'admin'],
        params: Ref,
        body: z.object({ toNumber: VersionNumber }).strict(),
      },
      async ({ params, body, actor }) => publishing.rollback(actor, params.id, body.toNumber),
    );
  };
}
