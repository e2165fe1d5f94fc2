import { ApiErrorBody } from '@autonomic/api';
import type { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { RegisteredRoute } from './route';

/** Express `:id` → OpenAPI `{id}`. */
function openApiPath(path: string): string {
  return `/api${path.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

function operation(route: RegisteredRoute): ZodOpenApiOperationObject {
  const ok = String(route.status ?? 200);
  const access =
    route.access === 'public'
      ? 'public'
      : route.access === 'authenticated'
        ? 'any signed-in user'
        : route.access.join(', ');
  return {
    summary: route.summary,
    description: `Access: ${access}.`,
    tags: [route.tag],
    ...(route.params || route.query
      ? {
          requestParams: {
            ...(route.params ? { path: route.params } : {}),
            ...(route.query ? { query: route.query } : {}),
          },
        }
      : {}),
    ...(route.body ? { requestBody: { content: json(route.body) } } : {}),
    responses: {
      [ok]: { description: 'OK', ...(route.response ? { content: json(route.response) } : {}) },
      '4XX': { description: 'Client error: the body names each field at fault', content: json(ApiErrorBody) },
    },
  };
}

/** OpenAPI 3.1 generated from the same zod schemas that validate the requests. */
export function openApiDocument(routes: readonly RegisteredRoute[]): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const p = openApiPath(r.path);
    paths[p] = { ...paths[p], [r.method]: operation(r) };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: { title: 'Autonomic API', version: '1.0.0', description: 'SOAR playbook designer and executor' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'autonomic_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
      paths,
    },
    { unrepresentable: 'any' } as never,
  );
}
