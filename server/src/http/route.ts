import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { actorOf, type Actor, type Role } from './actor';
import { ForbiddenError, UnauthenticatedError, ValidationError, zodDetails } from './errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;

/**
 * One route, declared once: the zod schemas validate the request at run time and
 * produce the OpenAPI document; `access` is checked before the handler runs.
 */
export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method;
  /** Express-style path under /api, e.g. `/workflows/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** `public`: no sign-in; a role list: only those roles. */
  access: 'public' | 'authenticated' | readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  /** @default 200 */
  status?: number;
}

export interface HandlerInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, A> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  actor: A;
  req: Request;
  res: Response;
}

/** Returns the JSON body to send, or `undefined` when the handler answered itself (SSE, redirects). */
type Handler<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, A> = (
  input: HandlerInput<P, Q, B, A>,
) => Promise<unknown>;

export type RegisteredRoute = RouteSpec<AnyObject, AnyObject, z.ZodType>;

/** The schema of an absent params/query object. */
type Empty = z.ZodObject<Record<string, never>>;

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ValidationError(`invalid ${where}`, zodDetails(r.error, where));
  return r.data;
}

function checkAccess(access: RegisteredRoute['access'], actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new UnauthenticatedError();
  if (access !== 'authenticated' && !access.includes(actor.role)) throw new ForbiddenError();
}

/** Registers routes on a router and remembers them for the OpenAPI document. */
export class Api {
  readonly routes: RegisteredRoute[] = [];
  constructor(readonly router: Router) {}

  add<P extends AnyObject = Empty, Q extends AnyObject = Empty, B extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec<P, Q, B> & { access: 'public' },
    handler: Handler<P, Q, B, Actor | null>,
  ): void;
  add<P extends AnyObject = Empty, Q extends AnyObject = Empty, B extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec<P, Q, B>,
    handler: Handler<P, Q, B, Actor>,
  ): void;
  add<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
    spec: RouteSpec<P, Q, B>,
    handler: Handler<P, Q, B, Actor>,
  ): void {
    this.routes.push(spec as unknown as RegisteredRoute);
    this.router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const actor = actorOf(req);
        checkAccess(spec.access, actor);
        const input = {
          params: parse(spec.params, req.params, 'params') as z.infer<P>,
          query: parse(spec.query, req.query, 'query') as z.infer<Q>,
          body: parse(spec.body, req.body, 'body') as z.infer<B>,
          // checkAccess has thrown unless the route is public or the actor is set.
          actor: actor as Actor,
          req,
          res,
        };
        const result = await handler(input);
        if (result !== undefined && !res.headersSent) res.status(spec.status ?? 200).json(result);
        else if (!res.headersSent)
          res.status(spec.status === 200 || spec.status === undefined ? 204 : spec.status).end();
      } catch (e) {
        next(e);
      }
    });
  }
}
