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

export const USAGE = `usage:
  npm run cli -- validate <workflow.json>
  npm run cli -- simulate <workflow.json> --event <event.json> [--fixtures <fixtures.json>] [--safety <safety.json>] [--approvals approved|rejected|timeout]
  npm run cli -- diff <a.json> <b.json>`;
