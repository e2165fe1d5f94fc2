import { approvalLinksApi } from '@autonomic/api';
import { api } from '../../api/client';

/** What the link would decide; changes nothing. */
export const showLink = (token: string) => api(approvalLinksApi.show, { params: { token } });

/** Decides through the link (once). */
export function confirmLink(token: string, comment?: string) {
  return api(approvalLinksApi.confirm, { params: { token }, body: comment ? { comment } : {} });
}
