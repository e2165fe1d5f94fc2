/**
 * The domain's error taxonomy: every error a service throws for the caller to see carries
 * an HTTP-like status and a stable code from the API contract. The web layer maps them to
 * the one error body (`http/errors.ts`); nothing here knows about express.
 */
import type { ErrorCode, ErrorDetail } from '@autonomic/api';
import type { z } from 'zod';

export type { ErrorDetail } from '@autonomic/api';

/** An error with a status and a stable code the client can switch on. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
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
  constructor(message: string, code: ErrorCode = 'conflict') {
    super(409, code, message);
  }
}

/**
 * zod issues → details naming each field, e.g. `body.metadata.name`, with zod's issue code.
 * The messages are words when the parse had `issueWords` as its error map (`http/route.ts`).
 */
export function zodDetails(error: z.ZodError, prefix: string): ErrorDetail[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
    code: i.code,
  }));
}
