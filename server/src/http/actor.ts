import type { Request } from 'express';
import { UnauthenticatedError } from './errors';

export const ROLES = ['analyst', 'reviewer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a signed-in user (cookie) or a machine/CLI (API token). */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

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
