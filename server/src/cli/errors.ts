/** A failure the user can fix: printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1 = bad input, 2 = usage. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/**
 * A message as one line: JSON.parse quotes the offending text, line breaks included,
 * and scripts read the CLI's output line by line.
 */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

export const USAGE = `usage:
  npm run cli -- validate <workflow.json>
  npm run cli -- simulate <workflow.json> (--event <event.json> | --sample <name>) [--fixtures <fixtures.json>] [--safety <safety.json>] [--approvals approved|rejected|timeout]
  npm run cli -- diff <a.json> <b.json>`;
