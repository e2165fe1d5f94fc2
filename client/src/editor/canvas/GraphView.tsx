import type { EditorGraph } from '@autonomic/workflow';
import { useEffect, useMemo, useRef } from 'react';
import type { CanvasOverlay } from '../contracts';
import { fromEditorGraph } from '../graph/convert';
import { createEditorStore } from '../store/createEditorStore';
import { EditorProvider, useEditor, useEditorStore } from '../store/context';
import { EditorCanvas } from './EditorCanvas';

export interface GraphViewProps {
  graph: EditorGraph;
  overlay?: CanvasOverlay;
  /** The node to show selected (a diff's or trace's detail). */
  selectedNodeId?: string | null;
  onSelectNode?(id: string): void;
  /** Accessible name of the canvas. */
  label: string;
}

/**
 * A graph drawn read-only with an optional overlay, in an editor store of its own: the
 * diff, review, simulation and run pages use this instead of wiring a store themselves.
 */
export function GraphView({ graph, overlay, selectedNodeId, onSelectNode, label }: GraphViewProps) {
  const store = useMemo(() => createEditorStore({ ...fromEditorGraph(graph), readOnly: true }), [graph]);
  return (
    <EditorProvider store={store} validate={false}>
      <SelectionSync selectedNodeId={selectedNodeId ?? null} {...(onSelectNode ? { onSelectNode } : {})} />
      <EditorCanvas readOnly label={label} {...(overlay ? { overlay } : {})} />
    </EditorProvider>
  );
}

function SelectionSync({
  selectedNodeId,
  onSelectNode,
}: {
  selectedNodeId: string | null;
  onSelectNode?(id: string): void;
}) {
  const store = useEditorStore();
  const selected = useEditor((s) => (s.selection.nodes.length === 1 ? (s.selection.nodes[0] ?? null) : null));
  useEffect(() => {
    if (selectedNodeId !== store.getState().selection.nodes[0])
      store.getState().select({ nodes: selectedNodeId ? [selectedNodeId] : [] });
  }, [store, selectedNodeId]);
  // Only a selection made on the canvas is reported, not the one the prop asked for.
  const asked = useRef(selectedNodeId);
  asked.current = selectedNodeId;
  const report = useRef(onSelectNode);
  report.current = onSelectNode;
  useEffect(() => {
    if (selected && selected !== asked.current) report.current?.(selected);
  }, [selected]);
  return null;
}
