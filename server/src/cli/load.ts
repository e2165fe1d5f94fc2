import { parseWorkflowJson, type Problem, type WorkflowDocument } from '@autonomic/workflow';
import { CliError, oneLine } from './errors';
import { readText } from './io';

/** One line per problem, the format scripts and CI logs grep for. */
export function problemLine(p: Problem): string {
  return `${p.nodeId} ${p.path || '.'}: ${oneLine(p.message)}`;
}

export async function readWorkflow(
  path: string,
): Promise<{ document?: WorkflowDocument; problems: Problem[]; warnings?: Problem[] }> {
  return parseWorkflowJson(await readText(path, 'workflow'));
}

/** A workflow that must be valid to go on (simulate, diff): its problems become the error. */
export async function readValidWorkflow(path: string): Promise<WorkflowDocument> {
  const { document, problems } = await readWorkflow(path);
  if (problems.length > 0 || !document) {
    throw new CliError(`workflow ${path} is invalid:\n${problems.map(problemLine).join('\n')}`);
  }
  return document;
}
