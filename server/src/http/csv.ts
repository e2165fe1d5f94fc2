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

/** Writes one chunk; resolves when the socket can take more (drained) or is gone. */
function write(res: Response, chunk: string | Uint8Array): Promise<void> | undefined {
  if (res.write(chunk)) return undefined;
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/**
 * Streams `chunks` as a CSV download named `filename`, never cached. The first chunk is read
 * before the status is sent, so a failing first query is still a clean error answer rather
 * than a cut file. Then it waits for the socket to drain when its buffer is full and stops
 * reading when the client goes away. A failure after the first byte can only cut the file
 * short: with `onLateError` it is reported there and the connection closed (the file is
 * visibly incomplete); without, it is thrown.
 */
export async function streamCsv(
  res: Response,
  filename: string,
  chunks: AsyncGenerator<string | Uint8Array>,
  onLateError?: (err: unknown) => void,
): Promise<void> {
  const first = await chunks.next();
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'no-store');
  try {
    if (!first.done) await write(res, first.value);
    for await (const chunk of chunks) {
      if (res.destroyed) break;
      await write(res, chunk);
    }
    res.end();
  } catch (err) {
    if (!onLateError) throw err;
    onLateError(err);
    res.destroy();
  } finally {
    await chunks.return(undefined);
  }
}
