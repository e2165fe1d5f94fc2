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
  npm run cli -- replay <workflow> <version> [--count 50] [--url <server>] [--token <atk_…>] [--timeout <seconds>] [--json]
  npm run cli -- import-cacao <playbook.json> [--workflow <id>] [--url <server>] [--token <atk_…>] [--json]
  npm run cli -- export-cacao <workflow> <version> [out.json] [--url <server>] [--token <atk_…>]

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
  states no status, and is a usage error on a case that expects succeeded.

replay simulates a version on the last N stored real events of the published version, on the server
(nothing is sent), and prints each event (time, outcome, status live → candidate, path, effects
+ added − removed ~ changed) and the counts:
  --count <n>          how many of the latest events (1-500, default 50; fewer when fewer are stored)
  --url <server>       the server (default $AUTONOMIC_URL, else http://localhost:3000)
  --token <atk_…>      an API token of an analyst, reviewer or admin (default $AUTONOMIC_TOKEN)
  --timeout <seconds>  how long to wait for the replay (default 600)
  --json               print the replay (every event's diff) as JSON

replay exit codes:
  0  every event behaves the same
  1  at least one event behaves differently (path, status or effects)
  2  the replay could not be judged: an event the version could not run, the server refused
     (its message and fields printed), could not be reached, the wait ran out, or a usage error

import-cacao sends an OASIS CACAO 2.0 playbook to the server, which saves it as a draft version (of a new
workflow, or of --workflow <id>) and prints the import report: each element approximated (how) or
unsupported (why); mapped ones are counted. export-cacao writes a version as a CACAO 2.0 playbook
(to out.json, or prints it). Both take --url and --token like replay; exit 0 when done, 1 when the
server refused (the message names the playbook element at fault), 2 on a usage error.`;
