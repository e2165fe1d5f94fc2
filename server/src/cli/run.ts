import { parseArgs } from 'node:util';
import { diffCommand } from './diff';
import { CliError, USAGE } from './errors';
import { simulateCommand } from './simulate';
import { validateCommand } from './validate';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the playbooks-as-code CLI; returns the exit code. Never throws for bad input. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'validate':
        return await validateCommand(positionals(rest, 1, {}).files, io);
      case 'simulate': {
        const { files, values } = positionals(rest, 1, {
          event: { type: 'string' },
          fixtures: { type: 'string' },
          safety: { type: 'string' },
          approvals: { type: 'string' },
          sample: { type: 'string' },
        });
        return await simulateCommand(files, values, io);
      }
      case 'diff':
        return await diffCommand(positionals(rest, 2, {}).files, io);
      case undefined:
        throw new CliError('no command given', 2);
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      default:
        throw new CliError(`unknown command "${command}"`, 2);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      if (e.exitCode === 2) io.err(USAGE);
      return e.exitCode;
    }
    // A bug, not bad input: still one line, but say so.
    io.err(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

type Options = Record<string, { type: 'string' }>;

function positionals(args: string[], count: number, options: Options) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  if (parsed.positionals.length !== count) {
    throw new CliError(`expected ${count} file argument${count > 1 ? 's' : ''}, got ${parsed.positionals.length}`, 2);
  }
  return { files: parsed.positionals, values: parsed.values as Record<string, string | undefined> };
}
