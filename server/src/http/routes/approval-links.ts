/** Signed approval links: show (changes nothing) and confirm (contract: `approvalLinksApi` in @autonomic/api). */
import { approvalLinksApi } from '@autonomic/api';
import type { LinkDecisionService } from '../../services/approval-notifications/link-decisions';
import type { RouteModule } from '../app';

export function approvalLinkRoutes({ links }: { links: LinkDecisionService }): RouteModule {
  return (api) => {
    api.add(approvalLinksApi.show, ({ params, actor }) => links.show(params.token, actor));
    api.add(approvalLinksApi.confirm, ({ params, body, actor }) => links.confirm(params.token, actor, body));
  };
}
