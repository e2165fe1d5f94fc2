import { replaysApi, type Access, type Role } from '@autonomic/api';
import { api } from '../../api/client';

const version = (id: string, number: number) => ({ id, number });

/** The replays and shadows of a version, newest first, without their items. */
export const listReplays = (id: string, number: number) => api(replaysApi.list, { params: version(id, number) });

/** One replay or shadow with its per-event behavioural diff (newest event first). */
export const getReplay = (id: string, replayId: string) => api(replaysApi.get, { params: { id, replayId } });

/** Replays the last `count` stored real events on the version, in simulation: the answer is the queued replay. */
export const startReplay = (id: string, number: number, count: number) =>
  api(replaysApi.start, { params: version(id, number), body: { count } });

/** Runs the version in shadow beside the published one for `hours` (simulated, never sending). */
export const startShadow = (id: string, number: number, hours: number) =>
  api(replaysApi.startShadow, { params: version(id, number), body: { hours } });

/** Stops the version's shadow; its diff is kept. */
export const stopShadow = (id: string, number: number) => api(replaysApi.stopShadow, { params: version(id, number) });

const allows = (access: Access, role: Role | undefined): boolean =>
  role !== undefined && typeof access !== 'string' && access.includes(role);

/** Whether this role may start and stop replays and shadows (the contract's rule: managers read only). */
export const mayRunReplays = (role: Role | undefined): boolean =>
  allows(replaysApi.start.access, role) && allows(replaysApi.stopShadow.access, role);
