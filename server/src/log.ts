import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks in every log line: secrets never reach the logs. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/** JSON logs; child loggers carry runId / stepKey so a run can be followed across lines. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'autonomic' } });
}
