/**
 * Simulating a version and its test cases: anyone signed in but a manager may simulate
 * any version they can see (simulations send nothing anywhere); each simulation is stored
 * as a Run. A version's test cases run in the background on every save; their latest run
 * can be read and asked for again. Contract: `simulationsApi` in @autonomic/api.
 */
import { simulationsApi } from '@autonomic/api';
import type { SimulationService, TestRunService } from '../../services/workflows';
import type { RouteModule } from '../app';

export interface SimulationRouteDeps {
  simulations: SimulationService;
  tests: TestRunService;
}

export function simulationRoutes({ simulations, tests }: SimulationRouteDeps): RouteModule {
  return (api) => {
    api.add(simulationsApi.simulate, ({ params, body, actor }) =>
      simulations.simulate(actor, params.id, params.number, body),
    );
    api.add(simulationsApi.tests, ({ params }) => tests.get(params.id, params.number));
    api.add(simulationsApi.runTests, ({ params, actor }) => tests.request(actor, params.id, params.number));
  };
}
