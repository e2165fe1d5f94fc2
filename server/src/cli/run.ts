import { parseArgs } from 'node:util';
import { exportCacaoCommand, importCacaoCommand } from './cacao';
import { diffCommand } from './diff';
import { CliError, refusal, USAGE } from './errors';
import { replayCommand } from './replay';
import { simulateCommand } from './simulate';
import { testCommand } from './test';
import { validateCommand } from './validate';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Colours on stdout (a terminal, NO_COLOR unset). @default false */
  color?: boolean;
}

/** Runs the playbooks-as-code CLI; returns the exit code. Never throws for bad input. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'validate':
        return await validateCommand(positionals(rest, 'one or more', {}).files, io);
      case 'simulate': {
        const { files, values } = positionals(rest, 1, {
          event: { type: 'string' },
          fixtures: { type: 'string' },
          safety: { type: 'string' },
          approvals: { type: 'string' },
          case: { type: 'string' },
          json: { type: 'boolean' },
          'expect-failure': { type: 'boolean' },
        });
        return await simulateCommand(
          files,
          {
            ...pick(values, ['event', 'fixtures', 'safety', 'approvals', 'case']),
            json: values.json === true,
            expectFailure: values['expect-failure'] === true,
          },
          io,
        );
      }
      case 'test': {
        const { files, values } = positionals(rest, 'one or more', {
          junit: { type: 'string' },
          safety: { type: 'string' },
          json: { type: 'boolean' },
        });
        return await testCommand(files, { ...pick(values, ['junit', 'safety']), json: values.json === true }, io);
      }
      case 'diff':
        return await diffCommand(positionals(rest, 2, {}).files, io);
      case 'replay': {
        const { files, values } = positionals(rest, 2, {
          count: { type: 'string' },
          url: { type: 'string' },
          token: { type: 'string' },
          timeout: { type: 'string' },
          json: { type: 'boolean' },
        });
        const flags = { ...pick(values, ['count', 'url', 'token', 'timeout']), json: values.json === true };
        return await replayCommand(files, flags, io);
      }
      case 'import-cacao':
      case 'export-cacao': {
        const server = {
          url: { type: 'string' },
          token: { type: 'string' },
          workflow: { type: 'string' },
          json: { type: 'boolean' },
        } as const;
        const { files, values } = positionals(rest, command === 'import-cacao' ? 1 : 'one or more', server);
        const flags = { ...pick(values, ['url', 'token', 'workflow']), json: values.json === true };
        return command === 'import-cacao'
          ? await importCacaoCommand(files, flags, io)
          : await exportCacaoCommand(files, flags, io);
      }
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
    const refused = refusal(e, 'refused');
    if (refused) {
      io.err(refused.message);
      return refused.exitCode;
    }
    // A bug, not bad input: still one line, but say so.
    io.err(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

type Options = Record<string, { type: 'string' | 'boolean' }>;
type Values = Record<string, string | boolean | undefined>;

/** The string flags among `names` that were given. */
function pick<K extends string>(values: Values, names: readonly K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const name of names) {
    const v = values[name];
    if (typeof v === 'string') picked[name] = v;
  }
  return picked;
}

/** Parses flags and file arguments: exactly `count` files, or at least one. */
function positionals(args: string[], count: number | 'one or more', options: Options) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const n = parsed.positionals.length;
  if (count === 'one or more' ? n === 0 : n !== count) {
    const wanted =
      count === 'one or more' ? 'one or more file arguments' : `${count} file argument${count > 1 ? 's' : ''}`;
    throw new CliError(`expected ${wanted}, got ${n}`, 2);
  }
  return { files: parsed.positionals, values: parsed.values as Values };
}
