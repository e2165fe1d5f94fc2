/**
 * Simulating a version: anyone signed in may simulate any version they can see
 * (simulations send nothing anywhere); each simulation is stored as a Run.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { ApprovalOutcome } from '../model/approvals';
import { BoundedJson } from '../model/json';
import { SamplesResult, SimulationView } from '../model/simulations';
import { WorkflowVersionParams } from './common';

/** Events and fixtures are JSON; a value nested beyond 64 levels is refused before it reaches the engine. */
export const SimulateBody = z
  .object({
    event: BoundedJson.optional(),
    /** A stored sample's name: its event and fixtures, unless given here. */
    sample: z.string().min(1).max(120).optional(),
    /** Step id → the output that step answers with. */
    fixtures: z.record(z.string().max(64), BoundedJson).optional(),
    /** How approval steps without a fixture decide. @default 'approved' */
    approvals: ApprovalOutcome.optional(),
  })
  .strict();
export type SimulateBody = z.infer<typeof SimulateBody>;

export const simulationsApi = {
  simulate: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/simulate',
    summary: 'Simulate a version on an event or a stored sample (nothing is sent)',
    tag: 'simulations',
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowVersionParams,
    body: SimulateBody,
    response: SimulationView,
  }),
  simulateSamples: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/simulate-samples',
    summary: 'Simulate every stored sample and check each against its expectation',
    tag: 'simulations',
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowVersionParams,
    response: SamplesResult,
  }),
};
