import { contentHash } from '@autonomic/workflow';
import { problemLine, readWorkflow } from './load';
import type { CliIo } from './run';

export async function validateCommand([file]: string[], io: CliIo): Promise<number> {
  const { document, problems } = await readWorkflow(file as string);
  if (problems.length > 0 || !document) {
    problems.forEach((p) => io.out(problemLine(p)));
    return 1;
  }
  const steps = Object.keys(document.steps).length;
  io.out(`ok ${document.metadata.name}: ${steps} step${steps === 1 ? '' : 's'}, sha256 ${contentHash(document)}`);
  return 0;
}
