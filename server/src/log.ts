import { pino, type DestinationStream, type Logger } from 'pino';
import { prettyStream } from './log-pretty';

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

/** `json`: one JSON object a line, for machines. `pretty`: readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * The format logs are written in: the `LOG_FORMAT` setting when it is set, else pretty when
 * stdout is a terminal (a person reads it) and JSON when it is not (a file, a pipe, a log
 * collector).
 */
export function chooseLogFormat(setting: LogFormat | undefined, stdoutIsTTY: boolean): LogFormat {
  return setting ?? (stdoutIsTTY ? 'pretty' : 'json');
}

export interface LoggerOptions {
  /** @default 'json' */
  format?: LogFormat;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
  /** Pretty only: ANSI colours. @default when the terminal supports them */
  colorize?: boolean;
}

/** Child loggers carry runId / stepKey so a run can be followed across lines. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'autonomic' } };
  if (options.format === 'pretty') {
    return pino(settings, prettyStream({ destination: options.destination, colorize: options.colorize }));
  }
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
