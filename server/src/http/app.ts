import { jsonDepthExceededAt } from '@autonomic/workflow';
import express, { type Express, type Request } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppContext } from '../context';
import type { Authenticator } from '../services/auth';
import { credentialsOf, setActor } from './actor';
import { NotFoundError, ValidationError } from '../errors';
import { errorMiddleware } from './errors';
import { openApiDocument } from './openapi';
import { Api } from './route';

/** Deeper request bodies are refused before they are parsed. */
export const MAX_BODY_DEPTH = 64;

/** A module of routes: `(api) => { api.add(...) }`. */
export type RouteModule = (api: Api) => void;

export interface AppParts {
  ctx: AppContext;
  authenticator: Authenticator;
  modules: readonly RouteModule[];
  /** Mounted before the API (e.g. /metrics). */
  before?: (app: Express) => void;
  /** Mounted after the API (e.g. the built client). */
  after?: (app: Express) => void;
}

/** The raw bytes of a JSON body, kept for webhook signature checks. */
export function rawBodyOf(req: Request): Buffer | undefined {
  return (req as Request & { rawBody?: Buffer }).rawBody;
}

/**
 * HSTS and `upgrade-insecure-requests` only when the server is behind TLS (`COOKIE_SECURE`):
 * over plain HTTP they would pin a browser to an https:// that does not answer.
 */
export function helmetOptions(tls: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'connect-src': ["'self'"], 'upgrade-insecure-requests': tls ? [] : null },
    },
    strictTransportSecurity: tls,
  };
}

/** Builds the Express app; `index.ts` only listens. */
export function buildApp({ ctx, authenticator, modules, before, after }: AppParts): { app: Express; api: Api } {
  const app = express();
  app.disable('x-powered-by');
  // Only a proxy TRUST_PROXY names may tell the client's address (the login rate limit counts by it).
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.use(helmet(helmetOptions(ctx.config.COOKIE_SECURE)));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  before?.(app);

  const router = express.Router();
  const api = new Api(router, {
    checkResponses: ctx.config.CHECK_RESPONSES,
    onResponseMismatch: (route, error) =>
      ctx.log.error({ issues: error.issues }, `reply drifted from the contract of ${route.method} ${route.path}`),
  });
  for (const register of modules) register(api);
  api.router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(api.routes));
  });

  app.use(
    '/api',
    (_req, res, next) => {
      // Replies carry CSRF tokens and private data: no browser or proxy cache may keep them.
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    express.json({
      limit: '1mb',
      verify: (req, _res, buf) => {
        (req as Request & { rawBody?: Buffer }).rawBody = buf;
        // Before parsing: a 10,000-deep body parses fine but overflows any recursive walk later.
        const at = jsonDepthExceededAt(buf.toString('utf8'), MAX_BODY_DEPTH);
        if (at >= 0) {
          throw new ValidationError('request body nests too deeply', [
            { path: 'body', message: `nested deeper than ${MAX_BODY_DEPTH} levels (at byte ${at})` },
          ]);
        }
      },
    }),
    async (req, _res, next) => {
      try {
        setActor(req, await authenticator.authenticate(credentialsOf(req)));
        next();
      } catch (e) {
        next(e);
      }
    },
    router,
    (req) => {
      throw new NotFoundError(`${req.method} /api${req.path}`);
    },
  );

  after?.(app);
  app.use(errorMiddleware((err) => ctx.log.error({ err }, 'unhandled error')));
  return { app, api };
}
