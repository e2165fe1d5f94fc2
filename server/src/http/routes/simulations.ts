/**
 * Simulating a version: anyone signed in may simulate any version they can see
 * (simulations send nothing anywhere); each simulation is stored as a Run.
 * Contract: `simulationsApi` in @autonomic/api.
 */
import { simulationsApi } from '@autonomic/api';
import type { SimulationService } from '../../services/workflows';
import type { RouteModule } from '../app';

export interface SimulationRouteDeps {
  simulations: SimulationService;
}

export function simulationRoutes({ simulations }: SimulationRouteDeps): RouteModule {
  return (api) => {
    api.add(simulationsApi.simulate, ({ params, body, actor }) =>
      simulations.simulate(actor, params.id, params.number, body),
    );
    api.add(simulationsApi.simulateSamples, ({ params, actor }) =>
      simulations.simulateSamples(actor, params.id, params.number),
    );
  };
}
