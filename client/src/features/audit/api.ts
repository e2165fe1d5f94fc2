import { auditApi, type AuditExportQuery, type RequestOf } from '@autonomic/api';
import { api, urlOf } from '../../api/client';

/** The filters a person sets (the query without paging). */
export type AuditFilters = AuditExportQuery;

/** Which page: the newest (neither), the one older than `cursor`, or the one newer than `newer`. */
export type AuditPosition = { cursor?: string; newer?: string };

type ListQuery = NonNullable<RequestOf<typeof auditApi.list>['query']>;

/** One page of lines, newest first. */
export const listAudit = (query: ListQuery) => api(auditApi.list, { query });

/** The actions, actors and target types seen, for the pick-lists. */
export const auditFacets = () => api(auditApi.facets);

/** The download link of every line matching the filters, as CSV. */
export const auditExportUrl = (filters: AuditFilters) => urlOf(auditApi.export, { query: filters });
