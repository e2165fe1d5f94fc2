/**
 * The range a dashboard query (`RangeQuery` in @autonomic/api) resolves to. Defaults: the
 * last 7 days, hourly buckets up to 3 days and daily beyond.
 */
import type { Bucket, RangeQuery } from '@autonomic/api';
import { ValidationError } from '../../errors';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** @default 7 days */
export const DEFAULT_RANGE_MS = 7 * DAY;
/** The longest range an aggregate accepts. */
export const MAX_RANGE_MS = 400 * DAY;
/** More buckets than this makes a chart nobody can read (and a slow one). */
export const MAX_BUCKETS = 2_000;

export interface Range {
  from: Date;
  to: Date;
  bucket: Bucket;
}

const bad = (field: string, message: string) =>
  new ValidationError('invalid query', [{ path: `query.${field}`, message }]);

/** The range a query asks for, with defaults filled in relative to `now`; 400 naming the field when it makes no sense. */
export function resolveRange(q: Pick<RangeQuery, 'from' | 'to' | 'bucket'>, now: number): Range {
  const to = q.to ? Date.parse(q.to) : now;
  const from = q.from ? Date.parse(q.from) : to - DEFAULT_RANGE_MS;
  if (from >= to) throw bad(q.from ? 'from' : 'to', 'must be before `to`');
  if (to - from > MAX_RANGE_MS) throw bad('from', `the range may span at most ${MAX_RANGE_MS / DAY} days`);
  const bucket = q.bucket ?? (to - from <= 3 * DAY ? 'hour' : 'day');
  const size = bucket === 'hour' ? HOUR : DAY;
  if ((to - from) / size > MAX_BUCKETS) throw bad('bucket', `more than ${MAX_BUCKETS} buckets: use a larger bucket`);
  return { from: new Date(from), to: new Date(to), bucket };
}
