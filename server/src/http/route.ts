import {
  issueWords,
  refusalWords,
  type Actor,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type ReplyOf,
  type RouteContract,
} from '@autonomic/api';
import type { NextFunction, Request, Response, Router } from 'express';
import type { z } from 'zod';
import { AppError, ForbiddenError, UnauthenticatedError, ValidationError, zodDetails } from '../errors';
import { actorOf } from './actor';
import { unstorableText } from './text-guard';

export interface HandlerInput<C extends RouteContract> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
  actor: C['access'] extends 'public' ? Actor | null : Actor;
  req: Request;
  res: Response;
}

/** A reply with another status than the route's default (e.g. 200 instead of 201 for "already there"). */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

/**
 * A handler returns its reply, typed by the contract's response schema (a wrong shape
 * does not compile). Routes without a response schema answer themselves (SSE, CSV,
 * redirects) or get 204.
 */
export type Handler<C extends RouteContract> = (input: HandlerInput<C>) => Promise<ReplyOf<C> | Reply<ReplyOf<C>>>;

export type RegisteredRoute = RouteContract;

export interface ApiOptions {
  /**
   * Parse every JSON reply with its response schema before sending, answering 500 on a
   * mismatch: on in tests, so a reply that drifts from the contract fails a test.
   * @default false
   */
  checkResponses?: boolean;
  /** Where response mismatches are reported. */
  onResponseMismatch?: (route: RouteContract, error: z.ZodError) => void;
}

/** Parses one part of the request; zod's default messages come out in words (`issueWords`). */
function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {}, { error: issueWords });
  if (!r.success) {
    const details = zodDetails(r.error, where);
    throw new ValidationError(refusalWords(details.map((d) => d.message)), details);
  }
  return r.data;
}

function refuseUnstorableText(req: Request): void {
  const found =
    unstorableText(req.params, 'params') ?? unstorableText(req.query, 'query') ?? unstorableText(req.body, 'body');
  if (found) throw new ValidationError(`invalid ${found.path.split('.')[0]}`, [found]);
}

function checkAccess(access: RouteContract['access'], actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new UnauthenticatedError();
  if (access !== 'authenticated' && !access.includes(actor.role)) throw new ForbiddenError();
}

/** Registers routes from their contracts on a router and remembers them for the OpenAPI document. */
export class Api {
  readonly routes: RegisteredRoute[] = [];
  constructor(
    readonly router: Router,
    private readonly options: ApiOptions = {},
  ) {}

  add<const C extends RouteContract>(contract: C, handler: Handler<C>): void {
    this.routes.push(contract);
    this.router[contract.method](contract.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const actor = actorOf(req);
        checkAccess(contract.access, actor);
        refuseUnstorableText(req);
        const input = {
          params: parse(contract.params, req.params, 'params'),
          query: parse(contract.query, req.query, 'query'),
          body: parse(contract.body, req.body, 'body'),
          actor,
          req,
          res,
        } as HandlerInput<C>;
        const out = await handler(input);
        if (res.headersSent) return;
        const [status, body] = out instanceof Reply ? [out.status, out.body as unknown] : [contract.status, out];
        if (body === undefined) {
          res.status(status === 200 || status === undefined ? 204 : status).end();
          return;
        }
        res.status(status ?? 200).json(this.checked(contract, body));
      } catch (e) {
        next(e);
      }
    });
  }

  private checked(contract: RouteContract, body: unknown): unknown {
    if (!this.options.checkResponses || !contract.response) return body;
    // Checked as the client will read it: JSON drops undefined keys and turns dates into text,
    // so a reply that fits only before serialising (an `undefined` required field) is caught here.
    const r = contract.response.safeParse(body === undefined ? undefined : JSON.parse(JSON.stringify(body)));
    if (r.success) return body;
    this.options.onResponseMismatch?.(contract, r.error);
    throw new AppError(500, 'internal', `reply does not match the contract of ${contract.method} ${contract.path}`);
  }
}
