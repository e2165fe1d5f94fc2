import { runsApi } from '@autonomic/api';
import { api } from '../../api/client';
import type { Json } from '../../forms/jsonValue';

/** Starts a live run of the workflow's published version with this event. */
export const startRun = (workflowId: string, event: Json) =>
  api(runsApi.start, { params: { id: workflowId }, body: { event } });
