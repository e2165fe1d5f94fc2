import type { VersionSummary } from '@autonomic/api';
import { useEffect, useMemo, useState } from 'react';
import { useEditor, type CanvasOverlay } from '../../editor';
import { testsOverlay } from './testsOverlay';
import { useCaseTrace, type ShownCase } from './useCaseTrace';
import { useTestRun, type TestRunState } from './useTestRun';

export interface EditorTests {
  tests: TestRunState;
  shown: ShownCase | null;
  setShown(c: ShownCase | null): void;
  traceError: Error | null;
  /** What the canvas draws while the Tests panel is open: coverage, and the shown case's path. */
  overlay: CanvasOverlay | undefined;
}

/**
 * The editor's side of the test results: the latest run of the saved version (read for the
 * header's badge, polled while it runs), and, while the panel is open, coverage and one
 * case's trace drawn over the canvas.
 */
export function useEditorTests(workflowId: string | null, version: VersionSummary | null, open: boolean): EditorTests {
  const ref = workflowId && version ? { workflowId, number: version.number, contentHash: version.contentHash } : null;
  const tests = useTestRun(ref, { enabled: ref !== null });
  const [shown, setShown] = useState<ShownCase | null>(null);
  useEffect(() => setShown(null), [version?.number]);
  const trace = useCaseTrace(open ? shown : null);
  const edges = useEditor((s) => s.edges);
  const run = tests.run;
  const coverage = run && run.contentHash === version?.contentHash ? run.coverage : null;
  const overlay = useMemo(
    () => (open ? testsOverlay(edges, coverage, trace.overlay) : undefined),
    [open, edges, coverage, trace.overlay],
  );
  return { tests, shown, setShown, traceError: trace.error, overlay };
}
