import type { EditorGraph } from '@autonomic/workflow';
import { useEffect, useMemo, useState } from 'react';
import { EMPTY_CATALOG, fromEditorGraph, type ConnectorCatalog } from '../../editor';
import { fixtureStepOptions, type StepOption } from '../../forms/fixtures/fixtureDraft';
import { outputShapeOf, type OutputShape } from '../../forms/fixtures/outputShape';
import { loadConnectorCatalog } from '../editor-page/connectorCatalog';

/**
 * The version's steps a fixture may answer for, and each one's output shape: loads the
 * connectors (a connector step's answer is its action's response schema) once per page.
 */
export function useFixtureSteps(graph: EditorGraph | null): {
  steps: readonly StepOption[];
  shapeOf(stepId: string): OutputShape;
} {
  const [catalog, setCatalog] = useState<ConnectorCatalog>({ ...EMPTY_CATALOG, status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    void loadConnectorCatalog(abort.signal).then((c) => {
      if (!abort.signal.aborted) setCatalog(c);
    });
    return () => abort.abort();
  }, []);
  return useMemo(() => {
    const nodes = graph ? fromEditorGraph(graph).nodes : [];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return {
      steps: fixtureStepOptions(nodes),
      shapeOf: (stepId: string) => outputShapeOf(byId.get(stepId), catalog),
    };
  }, [graph, catalog]);
}
