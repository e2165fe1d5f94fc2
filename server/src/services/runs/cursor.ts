/** Opaque keyset cursors: the (createdAt, id) of the last run of a page. */
import { ValidationError } from '../../errors';

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new ValidationError('invalid cursor', [{ path: 'query.cursor', message: 'not a cursor from this API' }]);
  }
  return { createdAt, id };
}
