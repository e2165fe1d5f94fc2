/**
 * Teams channel webhooks on 127.0.0.1. The legacy Incoming Webhook connector, `POST
 * /webhookb2/<group>@<tenant>/IncomingWebhook/<secret>/<owner>`: 200 text `1`; 400 text `Summary
 * or Text is required.` (a MessageCard with neither) or `Bad payload received by generic
 * incoming webhook.` (not JSON, or an attachment that is not an Adaptive Card); a payload over
 * 28 KB is its 200 `Webhook message delivery failed with error: …413…`; 429 text without
 * Retry-After when throttled. A URL whose connector is gone or whose secret part is wrong: 404
 * text (Microsoft does not document this answer; 404 is the mock's assumption). The Workflows
 * webhook, `POST /workflows/<id>/triggers/manual/paths/invoke?api-version=…&sp=…&sv=1.0&sig=…`:
 * 202 with an empty body, 401 JSON `DirectApiInvalidAuthorizationSignature` for a wrong `sig`.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CONNECTOR_PREFIX = `/webhookb2/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9@${TENANT}/IncomingWebhook`;
export const CONNECTOR_SECRET = '5c4e3a2b1f0d9e8c7b6a5f4e3d2c1b0a';
const OWNER = '/8d7c6b5a-4f3e-2d1c-0b9a-8f7e6d5c4b3a';
export const WORKFLOW_PATH = '/workflows/3f2e1d0c9b8a47f6a5e4d3c2b1a09f8e/triggers/manual/paths/invoke';
export const WORKFLOW_SIG = 'q9XkT2vLr8NpW3tYbH5mJcDe7uF1gA0sZ4wR6yE3iO';
/** Teams refuses a message above 28 KB. */
const MAX_BYTES = 28 * 1_024;

export interface TeamsMock extends VendorMock {
  /** The legacy Incoming Webhook URL a test uses as the credential. */
  connectorUrl: string;
  /** The Workflows webhook URL (its signature in the query). */
  workflowUrl: string;
  /** Messages posted, as Teams got them. */
  posted: Array<Record<string, unknown>>;
}

const text = (status: number, body: string): MockAnswer => ({ status, body: null, text: body });
const BAD_PAYLOAD = text(400, 'Bad payload received by generic incoming webhook.');

function parse(req: MockRequest): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(req.body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : undefined;
  } catch {
    return undefined;
  }
}

/** What the legacy connector refuses in a payload, as its answer; undefined when it takes it. */
function refused(message: Record<string, unknown>): MockAnswer | undefined {
  if (message['@type'] === 'MessageCard') {
    const has = (k: string) => typeof message[k] === 'string' && message[k] !== '';
    return has('summary') || has('text') ? undefined : text(400, 'Summary or Text is required.');
  }
  const attachments = message['attachments'];
  if (message['type'] !== 'message' || !Array.isArray(attachments) || attachments.length === 0) return BAD_PAYLOAD;
  for (const a of attachments as Array<Record<string, unknown>>) {
    const content = a['content'] as Record<string, unknown> | undefined;
    if (a['contentType'] !== 'application/vnd.microsoft.card.adaptive' || content?.['type'] !== 'AdaptiveCard') {
      return BAD_PAYLOAD;
    }
  }
  return undefined;
}

export async function startTeamsMock(): Promise<TeamsMock> {
  const posted: Array<Record<string, unknown>> = [];
  const legacy = (req: MockRequest) => req.path.startsWith(`${CONNECTOR_PREFIX}/`);
  const mock = await startVendorMock({
    authFailure(req) {
      if (req.path === WORKFLOW_PATH) {
        return req.query.get('sig') === WORKFLOW_SIG
          ? undefined
          : {
              status: 401,
              body: {
                error: {
                  code: 'DirectApiInvalidAuthorizationSignature',
                  message: "The provided request was signed with an invalid signature for trigger 'manual'.",
                },
              },
            };
      }
      if (legacy(req) && req.path === `${CONNECTOR_PREFIX}/${CONNECTOR_SECRET}${OWNER}`) return undefined;
      return text(404, 'Connector configuration not found');
    },
    rateLimited: () =>
      text(
        429,
        'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-production-weu-azsc2-1-54,cv=QWpP0pxh+0qTaE7H0NqO5A.0.',
      ),
    route(req) {
      if (req.method !== 'POST') return text(405, 'Invalid webhook request - GET not supported');
      const message = parse(req);
      if (!message) return BAD_PAYLOAD;
      if (req.path === WORKFLOW_PATH) {
        // The flow runs later: the webhook accepts any JSON and answers before the card is checked.
        posted.push(message);
        return { status: 202, body: null, text: '' };
      }
      const no = refused(message);
      if (no) return no;
      if (Buffer.byteLength(req.body) > MAX_BYTES) {
        return text(
          200,
          'Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413 with ContextId tcid=0,server=msgapi-production-weu-azsc2-1-54,cv=Zl1c3Fh5x0e8Q6fJ2kA9bw.0..',
        );
      }
      posted.push(message);
      return text(200, '1');
    },
  });
  return Object.assign(mock, {
    connectorUrl: `${mock.baseUrl}${CONNECTOR_PREFIX}/${CONNECTOR_SECRET}${OWNER}`,
    workflowUrl: `${mock.baseUrl}${WORKFLOW_PATH}?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${WORKFLOW_SIG}`,
    posted,
  });
}
