/**
 * The Slack Web API as it answers (https://api.slack.com/web): `POST /api/<method>` with
 * the token as a bearer; failures are HTTP 200 `{ ok: false, error }` (not_authed,
 * invalid_auth, channel_not_found, …), rate limits HTTP 429 `ratelimited` with
 * Retry-After, an unknown method HTTP 404 `unknown_method`.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const SLACK_TOKEN = 'xoxb-1111111111-2222222222-slacktestTOKENvalue0000';

/** The channels the bot is in, by ID, with their names. */
export const CHANNELS: Record<string, string> = { C024BE91L: 'soc-alerts', C0HANDOFF: 'soc-handoff' };

export interface PostedMessage {
  channel: string;
  text?: unknown;
  blocks?: unknown;
  thread_ts?: unknown;
  ts: string;
}

export interface SlackMock extends VendorMock {
  /** Every message posted, in order, as Slack stored it. */
  messages: PostedMessage[];
}

const fail = (error: string, status = 200): MockAnswer => ({ status, body: { ok: false, error } });

/** A channel ID, or the ID of a `#name` / `name` the bot is in. */
function channelId(given: unknown): string | undefined {
  if (typeof given !== 'string') return undefined;
  if (CHANNELS[given]) return given;
  const name = given.replace(/^#/, '');
  return Object.keys(CHANNELS).find((id) => CHANNELS[id] === name);
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body === '' ? '{}' : body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : undefined;
  } catch {
    return undefined;
  }
}

function postMessage(req: MockRequest, messages: PostedMessage[]): MockAnswer {
  const args = parse(req.body);
  if (!args) return fail('invalid_json');
  const channel = channelId(args['channel']);
  if (!channel) return fail('channel_not_found');
  if (args['text'] === undefined && args['blocks'] === undefined) return fail('no_text');
  const threadTs = args['thread_ts'];
  if (threadTs !== undefined && !messages.some((m) => m.channel === channel && m.ts === threadTs)) {
    return fail('thread_not_found');
  }
  const ts = `1733420000.${String(messages.length + 1).padStart(6, '0')}`;
  const posted: PostedMessage = { channel, ts, text: args['text'], blocks: args['blocks'], thread_ts: threadTs };
  messages.push(posted);
  const message = Object.fromEntries(
    Object.entries({ type: 'message', subtype: 'bot_message', bot_id: 'B0123ABCDEF', ...posted }).filter(
      ([k, v]) => v !== undefined && k !== 'channel',
    ),
  );
  return { status: 200, body: { ok: true, channel, ts, message } };
}

function route(req: MockRequest, messages: PostedMessage[]): MockAnswer {
  switch (req.path) {
    case '/api/chat.postMessage':
      return postMessage(req, messages);
    case '/api/auth.test':
      return {
        status: 200,
        body: {
          ok: true,
          url: 'https://acme-soc.slack.com/',
          team: 'ACME SOC',
          user: 'autonomic',
          team_id: 'T0123ABCDEF',
          user_id: 'U0123ABCDEF',
          bot_id: 'B0123ABCDEF',
          is_enterprise_install: false,
        },
      };
    default:
      return fail('unknown_method', 404);
  }
}

export async function startSlackMock(): Promise<SlackMock> {
  const messages: PostedMessage[] = [];
  const mock = await startVendorMock({
    authFailure: (req) => {
      const auth = req.headers.authorization;
      if (auth === undefined) return fail('not_authed');
      return auth === `Bearer ${SLACK_TOKEN}` ? undefined : fail('invalid_auth');
    },
    rateLimited: (seconds) => ({ ...fail('ratelimited', 429), headers: { 'retry-after': String(seconds) } }),
    route: (req) => route(req, messages),
  });
  return { ...mock, messages };
}
