import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

/** Paths the single-page app never answers: the API and the operational endpoints. */
const SERVER_PATHS = /^\/(api|healthz|metrics)(\/|$)/;

/**
 * Serves the built client (`client/dist`) on the API's port: static assets with long
 * caching (their names carry a content hash), and index.html for every other GET so that
 * deep links like /workflows/abc work. Returns false when the client is not built.
 */
export function serveClient(app: Express, distDir: string): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return false;
  app.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  app.use(express.static(distDir, { index: false, maxAge: 0 }));
  app.get(/.*/, (req, res, next) => {
    if (SERVER_PATHS.test(req.path)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
