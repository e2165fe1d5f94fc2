/**
 * The seam between a request and the auth service: what a request presents is read
 * here, the service resolves it, and the actor rides on the request to the handler.
 */
import type { Actor } from '@autonomic/api';
import type { Request } from 'express';
import { UnauthenticatedError } from '../errors';
import { CSRF_HEADER, type Credentials } from '../services/auth';
import { readSessionCookie } from './cookies';

/** What the request presents to the authenticator. */
export function credentialsOf(req: Request): Credentials {
  return {
    authorization: req.headers.authorization,
    sessionCookie: readSessionCookie(req),
    csrfToken: req.get(CSRF_HEADER),
    method: req.method,
    path: req.path,
  };
}

const ACTOR = Symbol('actor');
type WithActor = Request & { [ACTOR]?: Actor | null };

export function setActor(req: Request, actor: Actor | null): void {
  (req as WithActor)[ACTOR] = actor;
}

export function actorOf(req: Request): Actor | null {
  return (req as WithActor)[ACTOR] ?? null;
}

export function requireActor(req: Request): Actor {
  const actor = actorOf(req);
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
