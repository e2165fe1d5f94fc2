import { AppError } from '../errors';

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
 * Something the server's own code refused (an event the trigger's input schema does not
 * accept, say) as the CLI says it: the message, then one line per field at fault, exit 1.
 */
export function refusal(e: unknown, context: string): CliError | undefined {
  if (!(e instanceof AppError) || e.status >= 500) return undefined;
  const fields = e.details.map((d) => `${d.path} ${oneLine(d.message)}`);
  return new CliError([`${context}: ${oneLine(e.message)}`, ...fields].join('\n'));
}

/**
 * A message as one line: JSON.parse quotes the offending text, line breaks included,
 * and scripts read the CLI's output line by line.
 */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

export const USAGE = `usage:
  npm run cli -- validate <workflow.json>...
  npm run cli -- test <workflow.json>... [--junit <out.xml>] [--safety <safety.json>] [--json]
  npm run cli -- simulate <workflow.json> (--event <event.json> | --case <name>) [--fixtures <fixtures.json>] [--safety <safety.json>] [--approvals approved|rejected|timeout] [--expect-failure] [--json]
  npm run cli -- diff <a.json> <b.json>

test runs every test case stored in each workflow (simulation only: nothing is sent):
  --junit <file>       also write the results as JUnit XML (a testsuite per file, a testcase per case;
                       times are simulated durations in seconds)
  --safety <file>      the organisation's protected and auto-OK lists; each case adds its own entries
  --json               print the raw results (every assertion, the coverage) as JSON instead of the summary

test exit codes:
  0  every case of every file passed
  1  a case failed, or a file cannot be read, is invalid (its problems listed) or has no test cases
  2  usage error

simulate options:
  --event <file>       the trigger event (JSON)
  --case <name>        use the workflow's stored test case: its event, fixtures, approvals, safety entries and assertions
  --fixtures <file>    step id -> output (an approval step: {"decision": ...}), over a case's own
  --safety <file>      protected and auto-OK targets: a destructive action on a protected one is refused
  --approvals <how>    approval steps without a fixture are approved (default), rejected or time out
  --expect-failure     the run is meant to end failed: exit 0 when it does, 1 when it succeeds
  --json               print the raw result (trace, effects, status) as JSON instead of the readable report

simulate exit codes:
  0  the run ended as expected: succeeded, or failed (or cancelled) with --expect-failure;
     with --case, every assertion of the case holds
  1  it did not (one line per miss on stderr), an expression or sandbox limit stopped it, or bad input
  2  usage error
  With --case, the case's assertions decide; --expect-failure adds "status is failed" to a case that
  states no status, and is a usage error on a case that expects succeeded.`;
