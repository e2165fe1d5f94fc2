import { contentHash } from '@autonomic/workflow';
import { problemLine, readWorkflow } from './load';
import type { CliIo } from './run';

/**
 * Validates each file: an ok line with the step count and content hash, or one line per
 * problem. With several files (`validate playbooks/*.json` in CI) each problem line
 * starts with its file; exit 1 when any file has a problem. A valid file's warnings follow
 * its ok line (`warning <node> <path>: …`) and do not change the exit code.
 */
export async function validateCommand(files: string[], io: CliIo): Promise<number> {
  let code = 0;
  for (const file of files) {
    const { document, problems, warnings = [] } = await readWorkflow(file);
    const prefix = files.length > 1 ? `${file}: ` : '';
    if (problems.length > 0 || !document) {
      problems.forEach((p) => io.out(`${prefix}${problemLine(p)}`));
      code = 1;
      continue;
    }
    const steps = Object.keys(document.steps).length;
    io.out(`ok ${document.metadata.name}: ${steps} step${steps === 1 ? '' : 's'}, sha256 ${contentHash(document)}`);
    warnings.forEach((w) => io.out(`${prefix}warning ${problemLine(w)}`));
  }
  return code;
}
