import { z } from 'zod';
import type { Role } from './actor';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** `public`: no sign-in; `authenticated`: anyone signed in; a role list: only those roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];
type AnyObject = z.ZodObject<z.ZodRawShape>;

/**
 * One route, declared once and read by both sides: the server validates requests with
 * these schemas, types its handler's reply against `response` and generates OpenAPI from
 * them; the client builds the URL from `path` and parses the reply with `response`.
 */
export interface RouteContract {
  method: Method;
  /** Express-style path under /api, e.g. `/workflows/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: AnyObject;
  query?: AnyObject;
  body?: z.ZodType;
  /** The JSON reply; absent for routes that answer otherwise (SSE, CSV, redirects) or with 204. */
  response?: z.ZodType;
  /** @default 200 */
  status?: number;
  /** What the reply is when it is not JSON. @default 'json' */
  produces?: 'json' | 'event-stream' | 'csv';
}

/** Declares a route contract, keeping its literal types for both sides. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Schema<C, K extends keyof RouteContract> = C extends { [P in K]: infer S extends z.ZodType } ? S : undefined;

/** What the server's handler receives (after parsing). */
export type ParamsOf<C extends RouteContract> =
  Schema<C, 'params'> extends z.ZodType ? z.output<Schema<C, 'params'>> : Record<string, never>;
export type QueryOf<C extends RouteContract> =
  Schema<C, 'query'> extends z.ZodType ? z.output<Schema<C, 'query'>> : Record<string, never>;
export type BodyOf<C extends RouteContract> =
  Schema<C, 'body'> extends z.ZodType ? z.output<Schema<C, 'body'>> : undefined;

/** What the server's handler returns: the response schema's input (Dates allowed where it sends instants). */
export type ReplyOf<C extends RouteContract> =
  Schema<C, 'response'> extends z.ZodType ? z.input<Schema<C, 'response'>> : void;
/** What the client gets once the reply is parsed. */
export type ResultOf<C extends RouteContract> =
  Schema<C, 'response'> extends z.ZodType ? z.output<Schema<C, 'response'>> : void;

/** What the client sends (before parsing: e.g. numbers where the query coerces strings). */
export type RequestOf<C extends RouteContract> = (Schema<C, 'params'> extends z.ZodType
  ? { params: z.input<Schema<C, 'params'>> }
  : { params?: undefined }) &
  (Schema<C, 'query'> extends z.ZodType ? { query?: z.input<Schema<C, 'query'>> } : { query?: undefined }) &
  (Schema<C, 'body'> extends z.ZodType ? { body: z.input<Schema<C, 'body'>> } : { body?: undefined });

/** `/workflows/:id` with `{ id: 'a b' }` → `/workflows/a%20b`. */
export function pathOf(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
}

/** A query object as a query string (`?a=1&b=x`, or `''`); undefined and null values are left out. */
export function queryOf(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    q.set(k, v instanceof Date ? v.toISOString() : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
