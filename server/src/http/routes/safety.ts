/** Safety lists: every signed-in user reads them (analysts must see what is protected); admins change them. */
import { z } from 'zod';
import {
  CreateSafetyEntry,
  CriticalityName,
  SafetyKind,
  SafetyListName,
  UpdateSafetyEntry,
  type SafetyService,
} from '../../services/safety';
import type { SafetyEntryRow } from '../../store/safety-entries';
import type { RouteModule } from '../app';

export interface SafetyRouteDeps {
  safety: SafetyService;
}

const Entry = z.object({
  id: z.uuid(),
  list: SafetyListName,
  kind: SafetyKind,
  value: z.string(),
  criticality: CriticalityName,
  reason: z.string(),
  owner: z.string().nullable(),
  createdById: z.uuid(),
  createdAt: z.iso.datetime(),
});
const IdParams = z.object({ id: z.uuid() });

const view = (r: SafetyEntryRow): z.infer<typeof Entry> => ({ ...r, createdAt: r.createdAt.toISOString() });

export function safetyRoutes({ safety }: SafetyRouteDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'get',
        path: '/safety/entries',
        summary: 'List protected assets and auto-OK targets',
        tag: 'safety',
        access: 'authenticated',
        query: z.object({ list: SafetyListName.optional(), kind: SafetyKind.optional() }),
        response: z.object({ entries: z.array(Entry) }),
      },
      async ({ query }) => ({ entries: (await safety.list(query)).map(view) }),
    );
    api.add(
      {
        method: 'post',
        path: '/safety/entries',
        summary: 'Add an entry (applies to the next safety check)',
        tag: 'safety',
        access: ['admin'],
        body: CreateSafetyEntry,
        response: Entry,
        status: 201,
      },
      async ({ body, actor }) => view(await safety.create(body, actor)),
    );
    api.add(
      {
        method: 'patch',
        path: '/safety/entries/:id',
        summary: 'Change an entry',
        tag: 'safety',
        access: ['admin'],
        params: IdParams,
        body: UpdateSafetyEntry,
        response: Entry,
      },
      async ({ params, body, actor }) => view(await safety.update(params.id, body, actor)),
    );
    api.add(
      {
        method: 'delete',
        path: '/safety/entries/:id',
        summary: 'Remove an entry',
        tag: 'safety',
        access: ['admin'],
        params: IdParams,
        status: 204,
      },
      async ({ params, actor }) => {
        await safety.remove(params.id, actor);
        return undefined;
      },
    );
  };
}
