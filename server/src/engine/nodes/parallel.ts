import type { StepHandler } from './types';

/** Starts every target of `branches`; the scheduler fans out. */
export const parallel: StepHandler = async () => ({ type: 'next', output: null, port: 'branches' });
