/**
 * POST /api/hooks/:workflowId in front of Express (issue 18 §2). The webhook intake is the
 * server's hottest request; profiled at 32 connections, Express, its router, helmet and the
 * body parser took more of the event loop than the delivery itself. Here a plain JSON
 * delivery is read, checked and answered on `node:http` directly, by the same code as the
 * Express route (`deliverHook`), with the same refusals (`errorBody`). Anything unusual —
 * another query, no Content-Length, a body over 1 MB, not JSON — goes to Express untouched,
 * which answers it as before.
 */
import { jsonDepthExceededAt } from '@autonomic/workflow';
import { WEBHOOK_MAX_WAIT_MS } from '@autonomic/api';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { AppError, ValidationError } from '../errors';
import type { WebhookService } from '../services/triggers';
import { MAX_BODY_DEPTH } from './app';
import { errorBody } from './errors';
import { deliverHook } from './routes/webhooks';

const HOOK = /^\/api\/hooks\/([^/?#]{1,64})(?:\?wait=(\d{1,5}))?$/;
const MAX_BYTES = 1024 * 1024;
/** What Express adds to every /api answer that matters to a webhook caller. */
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= length) chunks.push(c);
    });
    req.on('end', () => (size === length ? resolve(Buffer.concat(chunks, size)) : reject(new Error('short body'))));
    req.on('error', reject);
  });
}

/** The body as express.json (strict) parses it, with the app's depth guard. */
function parse(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  const at = jsonDepthExceededAt(text, MAX_BODY_DEPTH);
  if (at >= 0) {
    throw new ValidationError('request body nests too deeply', [
      { path: 'body', message: `nested deeper than ${MAX_BODY_DEPTH} levels (at byte ${at})` },
    ]);
  }
  const first = /\S/.exec(text)?.[0];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'request body is not valid JSON', [
      { path: 'body', message: 'not valid JSON' },
    ]);
  }
}

/** `app` with POST /api/hooks/:workflowId answered before it; every other request goes to `app`. */
export function withHooksFastPath(
  app: RequestListener,
  webhooks: WebhookService,
  logError: (err: unknown) => void,
): RequestListener {
  return (req, res) => {
    const m = req.method === 'POST' ? HOOK.exec(req.url ?? '') : null;
    const length = Number(req.headers['content-length']);
    const json = /^application\/json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '');
    const wait = m?.[2] === undefined ? undefined : Number(m[2]);
    if (
      !m?.[1] ||
      !json ||
      !(length > 0 && length <= MAX_BYTES) ||
      (wait !== undefined && wait > WEBHOOK_MAX_WAIT_MS)
    ) {
      app(req, res);
      return;
    }
    const workflowId = decodeURIComponent(m[1]);
    readBody(req, length)
      .then(async (rawBody) => {
        const answer = await deliverHook(webhooks, {
          workflowId,
          wait,
          headers: req.headers,
          rawBody,
          body: parse(rawBody),
        });
        const extra: Record<string, string> = answer.preferenceApplied
          ? { 'preference-applied': answer.preferenceApplied }
          : {};
        send(res, answer.status, answer.body, extra);
      })
      .catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof AppError) return send(res, err.status, errorBody(err));
        logError(err);
        send(res, 500, errorBody(new AppError(500, 'internal', 'internal error')));
      });
  };
}
