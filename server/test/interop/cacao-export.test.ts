/**
 * Export with the shipped connector catalogue: a connector step is written as the HTTP
 * request its pinned action sends, the step itself kept in the x-autonomic extension.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffWorkflows, exportCacao, importCacao, WorkflowDocument } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { cacaoSchemaErrors } from '../../src/services/interop/cacao-schema';
import { EXAMPLES } from '../cli/harness';

const catalog = createConnectorCatalog();
const connectors = (id: string, version: string) => catalog.get(id, version);
const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'broken')
  .map((d) => d.name);
const load = (name: string) =>
  WorkflowDocument.parse(JSON.parse(readFileSync(join(EXAMPLES, name, 'workflow.json'), 'utf8')));

describe('CACAO export of connector steps', () => {
  it.each(examples)(
    'when %s is exported with the catalogue then it passes the OASIS schemas and imports back unchanged',
    (name) => {
      const doc = load(name);
      const out = exportCacao(doc, { connectors });
      expect(cacaoSchemaErrors(out)).toEqual([]);
      const back = WorkflowDocument.parse(importCacao(out).document);
      expect(diffWorkflows(doc, back).isEmpty).toBe(true);
    },
  );

  it("when a connector step is exported then its command is the action's request with the step's inputs", () => {
    const doc = load('phishing-triage');
    const [id, step] = Object.entries(doc.steps).find(([, s]) => s.type === 'connector') ?? [];
    expect(step).toBeDefined();
    const workflow = exportCacao(doc, { connectors })['workflow'] as Record<
      string,
      { commands?: Array<Record<string, unknown>>; step_extensions?: Record<string, { node_id: string }> }
    >;
    const exported = Object.values(workflow).find((s) => Object.values(s.step_extensions ?? {})[0]?.node_id === id);
    expect(exported?.commands?.[0]).toMatchObject({
      type: 'http-api',
      command: expect.stringMatching(/^(GET|POST|PUT|PATCH|DELETE) https:\/\//),
    });
  });
});
