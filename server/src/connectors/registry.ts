/**
 * The connectors this server ships, one line each. Adding one is a definition file in
 * `definitions/`, a mock in `server/test/connectors/mocks/` and a line here.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { abuseipdb } from './definitions/abuseipdb';
import { emailSmtp } from './definitions/email-smtp';
import { fortigate } from './definitions/fortigate';
import { jira } from './definitions/jira';
import { slack } from './definitions/slack';
import { slackWebhook } from './definitions/slack-webhook';
import { virustotal } from './definitions/virustotal';

// One line per connector, so adding or removing one is a one-line diff.
// prettier-ignore
export const CONNECTORS: readonly ConnectorDefinition[] = [
  abuseipdb,
  virustotal,
  slack,
  jira,
  slackWebhook,
  emailSmtp,
  fortigate,
];

/** The shipped connector with this id, if there is one. */
export function connectorById(id: string): ConnectorDefinition | undefined {
  return CONNECTORS.find((c) => c.id === id);
}
