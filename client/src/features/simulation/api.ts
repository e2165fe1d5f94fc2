import { simulationsApi, type SimulateBody } from '@autonomic/api';
import { api } from '../../api/client';

/** What to simulate: an event or a stored test case's name, fixtures, how approvals answer. */
export type SimulateInput = SimulateBody;

/** Simulates a version (nothing is sent); the run is stored as a simulation. */
export const simulate = (id: string, number: number, input: SimulateInput) =>
  api(simulationsApi.simulate, { params: { id, number }, body: input });
