import type { EditorGraph } from '@autonomic/workflow';
import { GraphView } from '../../../editor';
import type { CanvasOverlay } from '../../../editor/contracts';
import './canvas.css';

export interface OverlayCanvasProps {
  graph: EditorGraph;
  overlay?: CanvasOverlay;
  selectedNodeId?: string | null;
  onSelectNode?(id: string): void;
  /** Accessible name of the canvas region. */
  label: string;
}

/**
 * The one place the review, simulation and run pages draw a graph read-only with an
 * overlay: the editor's canvas (`GraphView`, a read-only store of its own) in a box of
 * a fixed height.
 */
export function OverlayCanvas({ graph, overlay, selectedNodeId, onSelectNode, label }: OverlayCanvasProps) {
  return (
    <div className="overlay-canvas">
      <GraphView
        graph={graph}
        label={label}
        selectedNodeId={selectedNodeId ?? null}
        {...(overlay ? { overlay } : {})}
        {...(onSelectNode ? { onSelectNode } : {})}
      />
    </div>
  );
}
