import { api } from '../../api/client';
import type { ApprovalPolicy, SamplesResult, SimulationResult } from './types';

export interface SimulateInput {
  event?: unknown;
  /** A stored sample's name: its event and fixtures unless given. */
  sample?: string;
  fixtures?: Record<string, unknown>;
  approvals?: ApprovalPolicy;
}

const version = (id: string, number: number) => `/workflows/${encodeURIComponent(id)}/versions/${number}`;

export function simulate(id: string, number: number, input: SimulateInput): Promise<SimulationResult> {
  return api(`${version(id, number)}/simulate`, { method: 'POST', body: input });
}

export function simulateSamples(id: string, number: number): Promise<SamplesResult> {
  return api(`${version(id, number)}/simulate-samples`, { method: 'POST' });
}
