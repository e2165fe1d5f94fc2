import { diffWorkflows } from '@autonomic/workflow';
import { readValidWorkflow } from './load';
import type { CliIo } from './run';

export async function diffCommand([a, b]: string[], io: CliIo): Promise<number> {
  const before = await readValidWorkflow(a as string);
  const after = await readValidWorkflow(b as string);
  io.out(JSON.stringify(diffWorkflows(before, after), null, 2));
  return 0;
}
