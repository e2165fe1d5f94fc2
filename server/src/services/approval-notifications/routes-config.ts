/**
 * Who is told where: the approval notification settings of the configuration
 * (APPROVAL_NOTIFY_CREDENTIAL, APPROVAL_NOTIFY_CHANNEL, APPROVAL_NOTIFY_ROUTES,
 * APPROVAL_PAGING_CREDENTIAL) read once. A route maps `alice` or `role:reviewer` to a
 * Slack channel or an address; anyone without one gets the default channel.
 */
import type { Config } from '../../config';

export interface NotifySettings {
  /** The notify credential; undefined: nobody is notified. */
  credential?: string;
  /** The paging credential; undefined: nobody is paged. */
  paging?: string;
  /** Where an audience (`user:alice`, `role:reviewer`) is notified; undefined when nowhere. */
  destinationOf(audience: string): string | undefined;
  reminderPercent: number;
  signedOnly: boolean;
  /** The server's public base URL, without a trailing slash. */
  publicUrl: string;
}

export function notifySettingsOf(config: Config): NotifySettings {
  const routes = new Map<string, string>();
  for (const entry of config.APPROVAL_NOTIFY_ROUTES) {
    const at = entry.indexOf('=');
    if (at <= 0) continue;
    const who = entry.slice(0, at).trim();
    routes.set(who.startsWith('role:') ? who : `user:${who}`, entry.slice(at + 1).trim());
  }
  const publicUrl = (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '');
  return {
    ...(config.APPROVAL_NOTIFY_CREDENTIAL ? { credential: config.APPROVAL_NOTIFY_CREDENTIAL } : {}),
    ...(config.APPROVAL_PAGING_CREDENTIAL ? { paging: config.APPROVAL_PAGING_CREDENTIAL } : {}),
    destinationOf: (audience) => routes.get(audience) ?? config.APPROVAL_NOTIFY_CHANNEL,
    reminderPercent: config.APPROVAL_REMINDER_PERCENT,
    signedOnly: config.APPROVAL_LINKS_SIGNED_ONLY,
    publicUrl,
  };
}
