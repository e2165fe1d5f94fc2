import type { WorkflowDiff } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { useMemo, type ReactNode } from 'react';
import type { CanvasOverlay } from '../../editor';
import { OverlayCanvas } from './canvas/OverlayCanvas';
import { ConnectorChanges } from './ConnectorChanges';
import { DiffPanel } from './DiffPanel';
import { FailureHandlerChange } from './FailureHandlerChange';
import { diffOverlay } from './diffOverlay';
import { RiskBanner } from './RiskBanner';
import './versions.css';

export interface DiffViewProps {
  diff: WorkflowDiff;
  fromGraph: EditorGraph;
  toGraph: EditorGraph;
  selectedNodeId: string | null;
  onSelectNode(id: string): void;
  /** Under the selected node's changes in the side panel. */
  nodeAside?: ReactNode;
  /** Under the change list, whatever node is selected. */
  panelFooter?: ReactNode;
  /** A path drawn on top of the diff (a safety policy's offending path). */
  path?: CanvasOverlay['path'];
  /** Markers on nodes (the review page's comment counts). */
  markers?: CanvasOverlay['markers'];
}

/** Two versions on one canvas: added green, changed amber, removed red ghosts; the risk and connector upgrades on top. */
export function DiffView({
  diff,
  fromGraph,
  toGraph,
  selectedNodeId,
  onSelectNode,
  nodeAside,
  panelFooter,
  path,
  markers,
}: DiffViewProps) {
  const diffed = useMemo(() => diffOverlay(diff, fromGraph, toGraph), [diff, fromGraph, toGraph]);
  const overlay = useMemo(
    () => ({ ...diffed, ...(path ? { path } : {}), ...(markers ? { markers } : {}) }),
    [diffed, path, markers],
  );
  const triggerId = toGraph.nodes.find((n) => n.data.nodeType.startsWith('trigger.'))?.id ?? null;
  return (
    <div className="diff-view" data-testid="diff-view">
      <RiskBanner risk={diff.risk} reasons={diff.riskReasons} />
      <ConnectorChanges changes={diff.connectors} />
      <FailureHandlerChange change={diff.onFailure} />
      <div className="canvas-with-panel">
        <OverlayCanvas
          graph={toGraph}
          overlay={overlay}
          selectedNodeId={selectedNodeId}
          onSelectNode={onSelectNode}
          label="Diff of the two versions"
        />
        <div className="side">
          <DiffPanel
            diff={diff}
            triggerId={triggerId}
            toGraph={toGraph}
            firstVersion={fromGraph.nodes.length === 0}
            selectedNodeId={selectedNodeId}
            onSelectNode={onSelectNode}
          >
            {nodeAside}
          </DiffPanel>
          {panelFooter}
        </div>
      </div>
      <p className="legend muted">
        <span className="dot dot-added" aria-hidden="true" /> added{' '}
        <span className="dot dot-changed" aria-hidden="true" /> changed{' '}
        <span className="dot dot-removed" aria-hidden="true" /> removed (ghost)
      </p>
    </div>
  );
}
