/**
 * Simulating a version: anyone signed in may simulate any version they can see
 * (simulations send nothing anywhere); each simulation is stored as a Run.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { ApprovalOutcome } from '../model/approvals';
import { BoundedJson } from '../model/json';
import { SimulationView } from '../model/simulations';
import { TestRunView } from '../model/tests';
import { WorkflowVersionParams } from './common';

/** Events and fixtures are JSON; a value nested beyond 64 levels is refused before it reaches the engine. */
export const SimulateBody = z
  .object({
    event: BoundedJson.optional(),
    /** A stored test case's name: its event, fixtures and approvals, unless given here. */
    case: z.string().min(1).max(120).optional(),
    /** Step id → the output that step answers with. */
    /**
     * Step id → its answer: a value that is exactly `{ output }`, `{ fail }` or `{ sequence }`
     * is that fixture (a test case's shape: an output, a failure, answers per call); any
     * other value is the step's output itself.
     */
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
  tests: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions/:number/tests',
    summary: "The latest run of a version's test cases: each case, its assertions and the coverage",
    tag: 'simulations',
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowVersionParams,
    response: TestRunView,
  }),
  runTests: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/tests',
    summary: "Run a version's test cases again, in the background (simulation only, never a live credential)",
    tag: 'simulations',
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowVersionParams,
    response: TestRunView,
  }),
};
