/**
 * CSV in and out of the JSON API (the asset inventory, the safety lists): an import takes
 * `{ csv }` as JSON or the file itself as a `text/csv` body, read here into the same
 * `{ csv }` before the contract checks it; an export is sent as a download.
 */
import express, { type Response, type Router } from 'express';

/** Matches the JSON body limit of /api: about 20,000 rows of a typical inventory. */
const CSV_LIMIT = '1mb';

/** Lets POST `path` take a `text/csv` (or `text/plain`) body as `{ csv: <the text> }`. */
export function acceptCsvBody(router: Router, path: string): void {
  router.post(path, express.text({ type: ['text/csv', 'text/plain'], limit: CSV_LIMIT }), (req, _res, next) => {
    if (typeof req.body === 'string') req.body = { csv: req.body };
    next();
  });
}

/** Sends `lines` as an attachment named `filename`. */
export function sendCsv(res: Response, filename: string, lines: Iterable<string>): void {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.end([...lines].join(''));
}
