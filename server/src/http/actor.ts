import type { Actor } from '@autonomic/api';
import type { Request } from 'express';
import { UnauthenticatedError } from '../errors';

/** Resolves the caller of a request, or null when it carries no credentials. */
export interface Authenticator {
  /** Throws an AppError for bad credentials or a failed CSRF check. */
  authenticate(req: Request): Promise<Actor | null>;
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
