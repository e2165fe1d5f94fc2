import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import type { OverlayCanvasProps } from './OverlayCanvas';
import { OverlayNode } from './OverlayNode';
import { flowElements, type FlowNode } from './flowElements';
import './canvas.css';

const nodeTypes = { overlay: OverlayNode };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed }, focusable: false };

/**
 * A read-only canvas drawn with @xyflow/react directly: the stand-in for the editor's
 * canvas while it is not there (see OverlayCanvas). Nodes are focusable; clicking one
 * or pressing Enter on it selects it.
 */
export function ReadOnlyFlow({ graph, overlay, selectedNodeId, onSelectNode, label }: OverlayCanvasProps) {
  const { nodes, edges } = useMemo(
    () => flowElements(graph, overlay, selectedNodeId),
    [graph, overlay, selectedNodeId],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      for (const c of changes) if (c.type === 'select' && c.selected) onSelectNode?.(c.id);
    },
    [onSelectNode],
  );
  return (
    <div className="overlay-canvas" role="group" aria-label={label}>
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={onNodesChange}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          elementsSelectable
          fitView
          minZoom={0.2}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
