/** Connectors: the vendor APIs playbooks can call, readable by everyone signed in (definitions hold no secrets). */
import {
  ConnectorActionId,
  ConnectorAuthType,
  ConnectorDefinition,
  ConnectorEffect,
  ConnectorTargetKind,
} from '@autonomic/workflow';
import { z } from 'zod';
import { defineRoute } from '../contract';

/** A connector's id in a path; an unknown one answers 404. */
const IdParams = z.object({ id: z.string().min(1).max(64) });

/** An action as a list shows it: what it does, its effect class and the kind of target it acts on. */
export const ConnectorActionSummary = z.object({
  id: ConnectorActionId,
  title: z.string(),
  effect: ConnectorEffect,
  targetKind: ConnectorTargetKind.optional(),
});

/** A connector as a list shows it: never a credential, only how it authenticates. */
export const ConnectorSummary = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.string(),
  version: z.string(),
  description: z.string(),
  authType: ConnectorAuthType,
  actions: z.array(ConnectorActionSummary),
});
export type ConnectorSummary = z.infer<typeof ConnectorSummary>;

export const connectorsApi = {
  list: defineRoute({
    method: 'get',
    path: '/connectors',
    summary: 'List the installed connectors with their versions and actions',
    tag: 'connectors',
    access: 'authenticated',
    response: z.object({ connectors: z.array(ConnectorSummary) }),
  }),
  get: defineRoute({
    method: 'get',
    path: '/connectors/:id',
    summary: "A connector's full definition (auth kind, actions, params and response schemas, examples)",
    tag: 'connectors',
    access: 'authenticated',
    params: IdParams,
    response: ConnectorDefinition,
  }),
};
