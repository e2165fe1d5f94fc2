/**
 * Simulating a version: anyone signed in may simulate any version they can see
 * (simulations send nothing anywhere); each simulation is stored as a Run.
 */
import { z } from 'zod';
import type { SimulationService } from '../../services/workflows';
import { withinBounds } from '../../services/workflows/documents';
import type { RouteModule } from '../app';
import { VersionNumber, WorkflowRef } from './workflows';

export interface SimulationRouteDeps {
  simulations: SimulationService;
}

const RefVersion = z.object({ id: WorkflowRef, number: VersionNumber });
/** Events and fixtures are JSON; a value nested beyond 64 levels is refused before it reaches the engine. */
const Bounded = z.unknown().refine((v) => withinBounds(v), 'nested too deep or too large');

const SimulateBody = z
  .object({
    event: Bounded.optional(),
    sample: z.string().min(1).max(120).optional(),
    fixtures: z.record(z.string().max(64), Bounded).optional(),
    approvals: z.enum(['approved', 'rejected', 'timeout']).optional(),
  })
  .strict();

export function simulationRoutes({ simulations }: SimulationRouteDeps): RouteModule {
  return (api) => {
    const tag = 'simulations';
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/versions/:number/simulate',
        summary: 'Simulate a version on an event or a stored sample (nothing is sent)',
        tag,
        access: ['analyst', 'reviewer', 'admin'],
        params: RefVersion,
        body: SimulateBody,
      },
      async ({ params, body, actor }) => simulations.simulate(actor, params.id, params.number, body),
    );
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/versions/:number/simulate-samples',
        summary: 'Simulate every stored sample and check each against its expectation',
        tag,
        access: ['analyst', 'reviewer', 'admin'],
        params: RefVersion,
      },
      async ({ params, actor }) => simulations.simulateSamples(actor, params.id, params.number),
    );
  };
}
