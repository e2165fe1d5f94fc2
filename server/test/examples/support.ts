import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkflowJson, type SampleEvent, type WorkflowDocument } from '@autonomic/workflow';
import { SafetyList, simulate, type SimulationOptions, type SimulationResult } from '../../src/engine';

/** The example playbooks in examples/, loaded the way the CLI loads them. */

export const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));

export interface Example {
  name: string;
  doc: WorkflowDocument;
  safety: SafetyList;
  /** fixtures.json: the first sample's fixtures. */
  fixtures: Record<string, unknown>;
  /** A JSON file of the folder, parsed. */
  file(name: string): unknown;
}

export function exampleNames(): string[] {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES, d.name, 'workflow.json')))
    .map((d) => d.name)
    .sort();
}

export function loadExample(name: string): Example {
  const file = (f: string): unknown => JSON.parse(readFileSync(join(EXAMPLES, name, f), 'utf8'));
  const { document, problems } = parseWorkflowJson(readFileSync(join(EXAMPLES, name, 'workflow.json'), 'utf8'));
  if (!document) throw new Error(`example ${name} does not load: ${JSON.stringify(problems)}`);
  return {
    name,
    doc: document,
    safety: SafetyList.parse(file('safety.json')),
    fixtures: file('fixtures.json') as Record<string, unknown>,
    file,
  };
}

export function sampleNamed(ex: Example, name: string): SampleEvent {
  const sample = ex.doc.samples.find((s) => s.name === name);
  if (!sample) throw new Error(`example ${ex.name} has no sample "${name}"`);
  return sample;
}

/** Simulates a sample with its own fixtures and the folder's safety list. */
export function simulateSample(
  ex: Example,
  sample: SampleEvent,
  opts: SimulationOptions = {},
): Promise<SimulationResult> {
  return simulate(ex.doc, sample.event, { fixtures: sample.fixtures, safety: ex.safety, ...opts });
}

/** `[stepKey, decision]` of each effect, the shape most assertions compare. */
export function decisions(sim: SimulationResult): [string, string][] {
  return sim.effects.map((e) => [e.stepKey, e.decision]);
}

/** The output of the attempt at a step key (its last attempt). */
export function outputAt(sim: SimulationResult, stepKey: string): unknown {
  return sim.trace.findLast((a) => a.stepKey === stepKey)?.output;
}
