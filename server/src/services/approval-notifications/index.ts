export { createApprovalNotifier, type ApprovalNotifier, type NotifierDeps } from './notifier';
export { createLinkDecisionService, type LinkDecisionService } from './link-decisions';
export { linkKeyOf } from './links';
export { notifySettingsOf, type NotifySettings } from './routes-config';
export { withNotifications } from './task-notifications';
