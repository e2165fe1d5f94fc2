import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkflowJson, type TestCase, type WorkflowDocument } from '@autonomic/workflow';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { DEMO_CREDENTIALS } from '../../src/seed/credentials';
import {
  fixturesFromOutputs,
  SafetyList,
  simulate,
  type SimulatedConnectors,
  type SimulationOptions,
  type SimulationResult,
} from '../../src/engine';

/** The example playbooks in examples/, loaded the way the CLI loads them. */

export const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));

export interface Example {
  name: string;
  doc: WorkflowDocument;
  safety: SafetyList;
  /** fixtures.json: the outputs of the first case's fixtures (the CLI's ad-hoc form). */
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

export function caseNamed(ex: Example, name: string): TestCase {
  const found = ex.doc.tests.find((c) => c.name === name);
  if (!found) throw new Error(`example ${ex.name} has no test case "${name}"`);
  return found;
}

/**
 * The shipped connectors, as the CLI passes them: a connector step without a fixture
 * answers with its pinned action's example (a Jira issue key, a Slack ts).
 */
export const SHIPPED_CONNECTORS: SimulatedConnectors = (() => {
  const catalog = createConnectorCatalog();
  return { definition: (id, version) => catalog.get(id, version) };
})();

/**
 * The shipped connectors and the seeded demo credentials (all `test` mode): reads without
 * a fixture go to the simulation's `liveReads` port, as they would on a fresh server.
 */
export const WITH_DEMO_CREDENTIALS: SimulatedConnectors = {
  ...SHIPPED_CONNECTORS,
  credentialMode: async (name) => (DEMO_CREDENTIALS.some((c) => c.name === name) ? 'test' : undefined),
};

/** Simulates an event with fixtures.json, the folder's safety list and the shipped connectors. */
export function simulateEvent(ex: Example, event: unknown, opts: SimulationOptions = {}): Promise<SimulationResult> {
  const { fixtures } = fixturesFromOutputs(ex.doc, ex.fixtures);
  return simulate(ex.doc, event, { fixtures, safety: ex.safety, connectors: SHIPPED_CONNECTORS, ...opts });
}

/** Simulates a case's event with its fixtures and approvals, the folder's safety list and the shipped connectors. */
export function simulateCase(ex: Example, c: TestCase, opts: SimulationOptions = {}): Promise<SimulationResult> {
  return simulateEvent(ex, c.event, { fixtures: c.fixtures, approvals: c.approvals, ...opts });
}

/** The `input` a connector step was called with (its rendered params' input), by step key. */
export function connectorInput(sim: SimulationResult, stepKey: string): Record<string, unknown> | undefined {
  const input = sim.trace.findLast((a) => a.stepKey === stepKey)?.input;
  return (input as { input?: Record<string, unknown> } | undefined)?.input;
}

/** `[stepKey, decision]` of each effect, the shape most assertions compare. */
export function decisions(sim: SimulationResult): [string, string][] {
  return sim.effects.map((e) => [e.stepKey, e.decision]);
}

/** The output of the attempt at a step key (its last attempt). */
export function outputAt(sim: SimulationResult, stepKey: string): unknown {
  return sim.trace.findLast((a) => a.stepKey === stepKey)?.output;
}
