/**
 * The connectors this server ships, one line each. Adding one is a folder
 * `server/connectors/<id>/` (definition, mock, tests) and a line here.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { abuseipdb } from '../../connectors/abuseipdb/definition';
import { autonomicGateway } from '../../connectors/autonomic-gateway/definition';
import { crowdstrikeFalcon } from '../../connectors/crowdstrike-falcon/definition';
import { elasticsearch } from '../../connectors/elasticsearch/definition';
import { emailSmtp } from '../../connectors/email-smtp/definition';
import { fortigate } from '../../connectors/fortigate/definition';
import { jira } from '../../connectors/jira/definition';
import { microsoftDefenderEndpoint } from '../../connectors/microsoft-defender-endpoint/definition';
import { microsoftEntraId } from '../../connectors/microsoft-entra-id/definition';
import { microsoftTeams } from '../../connectors/microsoft-teams/definition';
import { okta } from '../../connectors/okta/definition';
import { opsgenie } from '../../connectors/opsgenie/definition';
import { pagerdutyEvents } from '../../connectors/pagerduty-events/definition';
import { servicenow } from '../../connectors/servicenow/definition';
import { slack } from '../../connectors/slack/definition';
import { slackWebhook } from '../../connectors/slack-webhook/definition';
import { splunk } from '../../connectors/splunk/definition';
import { urlhaus } from '../../connectors/urlhaus/definition';
import { virustotal } from '../../connectors/virustotal/definition';

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
  autonomicGateway,
  crowdstrikeFalcon,
  microsoftEntraId,
  servicenow,
  okta,
  microsoftDefenderEndpoint,
  splunk,
  urlhaus,
  pagerdutyEvents,
  elasticsearch,
  microsoftTeams,
  opsgenie,
];

/** The shipped connector with this id, if there is one. */
export function connectorById(id: string): ConnectorDefinition | undefined {
  return CONNECTORS.find((c) => c.id === id);
}
