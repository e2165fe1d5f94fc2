import type { ErrorRequestHandler } from 'express';
import type { ApiErrorBody } from '@autonomic/workflow';
import type { z } from 'zod';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error with an HTTP status and a stable code the client can switch on. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[]) {
    super(400, 'validation_failed', message, details);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'sign in first') {
    super(401, 'unauthenticated', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'your role does not allow this') {
    super(403, 'forbidden', message);
  }
}
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

/** zod issues → details naming each field, e.g. `body.metadata.name`. */
export function zodDetails(error: z.ZodError, prefix: string): ErrorDetail[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

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
