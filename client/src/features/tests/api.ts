import { simulationsApi } from '@autonomic/api';
import { api } from '../../api/client';

/** The latest run of a version's test cases (`not_run`, with no case, before the first). */
export const getTestRun = (id: string, number: number) => api(simulationsApi.tests, { params: { id, number } });

/** Runs a version's test cases again, in the background: the answer is the run queued. */
export const runTests = (id: string, number: number) => api(simulationsApi.runTests, { params: { id, number } });
