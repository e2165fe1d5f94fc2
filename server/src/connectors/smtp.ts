/**
 * Sends an SMTP connector's e-mail with nodemailer. The server comes from the credential's
 * settings (`smtp://{{ host }}:{{ port }}`) and passes the outbound address policy like any
 * HTTP call: the name is resolved here, every address checked, and nodemailer connects to
 * the checked address (TLS still verifies the name), so no SMTP host reaches a private
 * network unless OUTBOUND_ALLOW says so. Temporary failures (421, 450, 451, 452) are retried
 * with backoff like a 429; 535 is an auth error. Messages never carry the password.
 */
import { lookup } from 'node:dns/promises';
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';
import nodemailer from 'nodemailer';
import { createAddressPolicy } from '../adapters/address-policy';
import { scrub, scrubText } from '../adapters/redact';
import { parseAddress } from '../engine/net';
import type { ConnectorResult } from './answer';
import { ConnectorError } from './errors';
import { fillBody, fillUrl } from './request';
import { checkAnswer } from './schemas';

const TEMPORARY = new Set([421, 450, 451, 452]);

export interface SmtpInput {
  definition: ConnectorDefinition;
  action: ConnectorAction;
  params: Record<string, unknown>;
  settings: Record<string, unknown>;
  credential: string;
  baseUrl?: string | undefined;
  name: string;
}

export interface SmtpOptions {
  /** OUTBOUND_ALLOW. */
  allow: readonly string[];
  sleep: (ms: number) => Promise<void>;
  maxAttempts: number;
  backoffMs: number;
}

export async function sendEmail(input: SmtpInput, options: SmtpOptions): Promise<ConnectorResult> {
  const { action, settings, credential, name } = input;
  const at = credential.indexOf(':');
  const user = credential.slice(0, Math.max(at, 0));
  const pass = credential.slice(at + 1);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  // AUTH PLAIN and LOGIN send these forms; a server echoing one must not leak it.
  const secrets = [credential, pass, b64(pass), b64(`\u0000${user}\u0000${pass}`)];
  if (at <= 0) throw new ConnectorError('invalid_params', `${name}: the credential is not user:password`);
  const server = fillUrl(input.baseUrl ?? input.definition.baseUrl, settings);
  if (server === undefined) throw new ConnectorError('invalid_params', `${name}: a setting of the server is missing`);
  const url = new URL(server);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const address = await checkedAddress(host, options.allow, name);
  const security = String(settings['security'] ?? 'starttls');
  const transport = nodemailer.createTransport({
    host: address,
    port: Number(url.port || (security === 'tls' ? 465 : 587)),
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    ...(parseAddress(host) ? {} : { tls: { servername: host } }),
    auth: { user, pass },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const message = mailFields(fillBody(action.email ?? {}, input.params));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const info = await transport.sendMail({ ...message, from: String(settings['from']) });
        const output = {
          messageId: info.messageId,
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
          response: info.response,
        };
        const checked = checkAnswer(action.response, output);
        if (!checked.ok) {
          const why = scrubText(checked.problems.join('; '), secrets);
          throw new ConnectorError('bad_response', `${name}: the answer does not match the response schema: ${why}`);
        }
        return { status: 250, output: scrub(output, secrets) };
      } catch (e) {
        const code = smtpCode(e);
        if (code !== undefined && TEMPORARY.has(code) && attempt < options.maxAttempts) {
          await options.sleep(options.backoffMs * 2 ** (attempt - 1));
          continue;
        }
        throw smtpError(e, code, attempt, secrets, name);
      }
    }
  } finally {
    transport.close();
  }
}

/** The filled e-mail template's fields: text, or a list of addresses (a param that is a list). */
function mailFields(filled: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(typeof filled === 'object' && filled !== null ? filled : {})) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String);
  }
  return out;
}

/** The address to connect to, after the outbound policy checked every address of the name. */
async function checkedAddress(host: string, allow: readonly string[], name: string): Promise<string> {
  const policy = createAddressPolicy(allow);
  let addresses: string[];
  try {
    addresses = parseAddress(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new ConnectorError('network', `${name}: the SMTP host ${host} does not resolve`, { retryable: true });
  }
  if (!policy.hostAllowed(host)) {
    for (const a of addresses) {
      const why = policy.refusal(a, host);
      if (why)
        throw new ConnectorError('refused', `${name}: SMTP to ${host} refused: ${why} (allow it in OUTBOUND_ALLOW)`);
    }
  }
  const first = addresses[0];
  if (!first) throw new ConnectorError('network', `${name}: the SMTP host ${host} has no address`, { retryable: true });
  return first;
}

function smtpCode(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null || !('responseCode' in e)) return undefined;
  return typeof e.responseCode === 'number' ? e.responseCode : undefined;
}

function smtpError(e: unknown, code: number | undefined, attempts: number, secrets: string[], name: string) {
  if (e instanceof ConnectorError) return e;
  const message = scrubText(e instanceof Error ? e.message : String(e), secrets).slice(0, 300);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const errCode = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  if (code === 535 || code === 534 || code === 530 || errCode === 'EAUTH') {
    return new ConnectorError('auth', `${name}: SMTP ${code ?? ''} authentication failed${tries}: ${message}`, {
      ...(code === undefined ? {} : { status: code }),
    });
  }
  if (code !== undefined && TEMPORARY.has(code)) {
    return new ConnectorError('rate_limited', `${name}: SMTP ${code}${tries}: ${message}`, {
      status: code,
      retryable: true,
    });
  }
  if (code !== undefined)
    return new ConnectorError('http', `${name}: SMTP ${code}${tries}: ${message}`, { status: code });
  return new ConnectorError('network', `${name}: SMTP: ${message}`, { retryable: true });
}
