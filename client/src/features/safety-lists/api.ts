import {
  safetyApi,
  type CreateSafetyEntry,
  type SafetyKind,
  type SafetyListName,
  type UpdateSafetyEntry,
} from '@autonomic/api';
import { api, urlOf } from '../../api/client';

/** Both lists, or one list and kind. */
export const listEntries = (query: { list?: SafetyListName; kind?: SafetyKind } = {}) => api(safetyApi.list, { query });

export const createEntry = (body: CreateSafetyEntry) => api(safetyApi.create, { body });

export const updateEntry = (id: string, body: UpdateSafetyEntry) => api(safetyApi.update, { params: { id }, body });

export const deleteEntry = (id: string) => api(safetyApi.remove, { params: { id } });

/** All rows or none: a bad row answers 400 with a detail per row and column. */
export const importEntries = (csv: string) => api(safetyApi.import, { body: { csv } });

/** The link that downloads both lists as CSV. */
export const exportUrl = () => urlOf(safetyApi.export, {});
