import type { Executor } from './types';

/** Starts every target of `branches`; the scheduler fans out. */
export const parallel: Executor = async () => ({ type: 'next', output: null, port: 'branches' });
