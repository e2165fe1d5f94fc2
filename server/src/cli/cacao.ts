/**
 * `import-cacao <file.json> [--workflow <id>]` and `export-cacao <workflow> <version>
 * [out.json]`: CACAO 2.0 playbooks in and out through the API (POST
 * /workflows/import/cacao, GET …/versions/:number/export/cacao). The import prints the
 * new draft and its report, one line per element that is not simply mapped; the export
 * writes the playbook to the file (or prints it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { CacaoImportResult } from '@autonomic/api';
import { z } from 'zod';
import { CliError, oneLine } from './errors';
import type { CliIo } from './run';

export interface ServerFlags {
  /** The server's address. @default $AUTONOMIC_URL, else http://localhost:3000 */
  url?: string;
  /** An API token (atk_…). @default $AUTONOMIC_TOKEN */
  token?: string;
  /** Import as a new draft of this workflow. */
  workflow?: string;
  json?: boolean;
}

const ErrorBody = z.object({
  error: z.object({ message: z.string(), details: z.array(z.object({ message: z.string() })).default([]) }),
});

function server(flags: ServerFlags, env: Record<string, string | undefined>) {
  const url = (flags.url ?? env['AUTONOMIC_URL'] ?? 'http://localhost:3000').replace(/\/+$/, '');
  const token = flags.token ?? env['AUTONOMIC_TOKEN'];
  if (!token) throw new CliError('an API token is needed: --token <atk_…> or AUTONOMIC_TOKEN', 2);
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(`${url}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw new CliError(`cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const err = ErrorBody.safeParse(json);
      const lines = err.success
        ? [err.data.error.message, ...err.data.error.details.slice(1).map((d) => `  ${oneLine(d.message)}`)]
        : [res.statusText];
      throw new CliError(`the server answered ${res.status}: ${lines.map(oneLine).join('\n')}`);
    }
    return json;
  };
}

export async function importCacaoCommand(
  files: string[],
  flags: ServerFlags,
  io: CliIo,
  env = process.env,
): Promise<number> {
  const [file] = files;
  if (!file || files.length !== 1) throw new CliError('expected one CACAO playbook file', 2);
  let playbook: unknown;
  try {
    playbook = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file}: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  const call = server(flags, env);
  const answer = CacaoImportResult.safeParse(
    await call('POST', '/workflows/import/cacao', {
      playbook,
      ...(flags.workflow ? { workflowId: flags.workflow } : {}),
    }),
  );
  if (!answer.success) throw new CliError("the server's answer is not an import result");
  const r = answer.data;
  if (flags.json) {
    io.out(JSON.stringify(r, null, 2));
    return 0;
  }
  const { mapped, approximated, unsupported } = r.report.counts;
  io.out(
    `${file}: draft version ${r.version.number} of workflow ${r.workflowId}${r.created ? '' : ' (already there: same content)'}`,
  );
  io.out(`report: ${mapped} mapped, ${approximated} approximated, ${unsupported} unsupported`);
  for (const e of r.report.entries.filter((x) => x.status !== 'mapped'))
    io.out(`  ${e.status.padEnd(12)} ${e.pointer}: ${oneLine(e.message)}`);
  for (const p of r.problems) io.out(`  problem      ${p.nodeId}${p.path ? `.${p.path}` : ''}: ${oneLine(p.message)}`);
  return 0;
}

export async function exportCacaoCommand(
  args: string[],
  flags: ServerFlags,
  io: CliIo,
  env = process.env,
): Promise<number> {
  const [workflow, version, out] = args;
  if (!workflow || !version || args.length > 3) throw new CliError('expected <workflow> <version> [out.json]', 2);
  if (!/^\d+$/.test(version)) throw new CliError(`<version> is a version number, got "${version}"`, 2);
  const call = server(flags, env);
  const playbook = await call('GET', `/workflows/${encodeURIComponent(workflow)}/versions/${version}/export/cacao`);
  const text = `${JSON.stringify(playbook, null, 2)}\n`;
  if (out) {
    await writeFile(out, text);
    io.out(`wrote ${out}`);
  } else io.out(text.trimEnd());
  return 0;
}
