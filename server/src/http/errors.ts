import type { ApiErrorBody } from '@autonomic/api';
import type { ErrorRequestHandler } from 'express';
import { AppError } from '../errors';

/** Body-parser and other framework errors carry `status`/`type`; map them without leaking internals. */
function frameworkError(err: unknown): AppError | undefined {
  const e = err as { status?: number; type?: string; message?: string };
  if (e?.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'request body too large');
  if (e?.type === 'entity.parse.failed') {
    return new AppError(400, 'invalid_json', 'request body is not valid JSON', [
      { path: 'body', message: 'not valid JSON' },
    ]);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, 'bad_request', e.message ?? 'bad request');
  }
  return undefined;
}

export function errorBody(e: AppError): ApiErrorBody {
  return { error: { code: e.code, message: e.message, details: e.details } };
}

/** The one error middleware. Unknown errors are logged and answered as a bare 500. */
export function errorMiddleware(log: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const known = err instanceof AppError ? err : frameworkError(err);
    if (known) {
      res.status(known.status).json(errorBody(known));
      return;
    }
    log(err);
    res.status(500).json(errorBody(new AppError(500, 'internal', 'internal error')));
  };
}
