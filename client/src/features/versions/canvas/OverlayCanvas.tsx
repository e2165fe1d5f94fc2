import type { EditorGraph } from '@autonomic/workflow';
import type { CanvasOverlay } from '../../../editor/contracts';
import { ReadOnlyFlow } from './ReadOnlyFlow';

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
 * overlay. It renders a stand-in built on @xyflow/react until the editor's canvas
 * (`editor/canvas/EditorCanvas`, `overlay` + `readOnly`) lands; then only this file changes.
 */
export function OverlayCanvas(props: OverlayCanvasProps) {
  return <ReadOnlyFlow {...props} />;
}
