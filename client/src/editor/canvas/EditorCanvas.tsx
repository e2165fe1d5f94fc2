import '@xyflow/react/dist/style.css';
import '../editor.css';
import {
  Background,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type IsValidConnection,
  type NodeChange,
  type NodeDimensionChange,
  type NodePositionChange,
  type NodeRemoveChange,
  type NodeSelectionChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { CanvasOverlay } from '../contracts';
import { connectionProblem } from '../commands';
import { useEditor, useEditorStore } from '../store/context';
import { shownViolation } from '../store/policies';
import type { FlowEdge, FlowNode } from '../types';
import { CanvasToolbar } from './CanvasToolbar';
import { ConnectDialog } from './ConnectDialog';
import { useConnectUi } from './connectUi';
import { fitOptions } from './fit';
import { FocusedNodeContext } from './lod';
import { LodEdges } from './LodEdges';
import { nodeTypes } from './node-types';
import { decoratedEdges, ghostNodes, withViolationPath, type GhostNode } from './overlay';
import { CanvasOverlayContext } from './overlay-context';
import { ShortcutsSheet } from './ShortcutsSheet';
import { useCanvasShortcuts } from './useCanvasShortcuts';
import { useFocusedNodeTracking } from './useFocusedNodeTracking';
import { useLodEdges } from './useLodEdges';
import { useRevealNode } from './useRevealNode';

/** The drag-and-drop type a palette item carries: the node type. */
export const NODE_DND_TYPE = 'application/x-autonomic-node';
/** With a `connector` node type: `{ connector, action }` of the palette item dragged. */
export const CONNECTOR_DND_TYPE = 'application/x-autonomic-connector';

/** From this many nodes, only what is in view is rendered. */
const RENDER_VISIBLE_FROM = 150;
/**
 * A big graph opens at a readable zoom around its centre instead of fitting every node:
 * at fit-all, 1,000 nodes are specks and the browser composites every one of them on
 * each drag frame (14 fps measured); at this zoom only the nodes in view are rendered.
 */
const BIG_GRAPH_OPEN_ZOOM = 0.6;
const MULTI_SELECT_KEYS = ['Shift', 'Control', 'Meta'];
const SMALL_GRAPH_FIT = fitOptions(1);
const BIG_GRAPH_FIT = { maxZoom: 1, minZoom: BIG_GRAPH_OPEN_ZOOM };

export interface EditorCanvasProps {
  /** A diff or a run trace drawn over the graph. */
  overlay?: CanvasOverlay;
  /** No editing (a saved version, a diff, a trace). @default the store's `readOnly` */
  readOnly?: boolean;
  /** Accessible name of the canvas. @default "Workflow canvas" */
  label?: string;
  /** The canvas element's id (a skip link's target). */
  id?: string;
}

/** Changes that carry no node object (adds and replaces never come from the canvas here). */
type PlainChange = NodeDimensionChange | NodePositionChange | NodeSelectionChange | NodeRemoveChange;
const isPlain = (c: NodeChange<FlowNode | GhostNode>): c is PlainChange => c.type !== 'add' && c.type !== 'replace';

/** Below this window width the minimap starts hidden: it would cover a good part of a narrow canvas. */
const MINIMAP_FROM_WIDTH = 1440;

const nodeColor = (n: { type?: string | undefined; className?: string | undefined }) =>
  n.type === 'note' ? '#fde68a' : n.type === 'trigger' ? '#93c5fd' : n.type === 'ghost' ? '#fca5a5' : '#cbd5e1';

/**
 * The workflow canvas of the nearest `<EditorProvider>`: nodes and edges from its store,
 * every change through its commands (undoable), palette drops, keyboard shortcuts, and
 * an optional overlay (diff colours, run trace, removed-node ghosts).
 */
export function EditorCanvas({
  overlay: given,
  readOnly: readOnlyProp,
  label = 'Workflow canvas',
  id,
}: EditorCanvasProps) {
  const store = useEditorStore();
  const storeReadOnly = useEditor((s) => s.readOnly);
  const readOnly = readOnlyProp ?? storeReadOnly;
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const { onNodesChange, onEdgesChange, beginGesture, endGesture } = store.getState();
  const { screenToFlowPosition } = useReactFlow();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // Fit only a graph that is there when the canvas opens: fitting on the first drop would move the view.
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);
  const openShortcuts = useCallback(() => setShortcutsOpen(true), []);
  const [showMap, setShowMap] = useState(() => window.innerWidth >= MINIMAP_FROM_WIDTH);
  const reveal = useRevealNode();
  const announcement = useConnectUi((s) => s.announcement);
  const keys = useCanvasShortcuts({ readOnly, openShortcuts });
  const focus = useFocusedNodeTracking();
  // The offending path of the safety policy violation chosen (or of the selected node) is drawn on top.
  const violation = useEditor(shownViolation);
  const overlay = useMemo(() => withViolationPath(given, violation), [given, violation]);

  const [ghosts, setGhosts] = useState<GhostNode[]>(() => ghostNodes(given));
  useEffect(() => setGhosts(ghostNodes(given)), [given]);
  const shown = useMemo<Array<FlowNode | GhostNode>>(
    () => (ghosts.length ? [...nodes, ...ghosts] : nodes),
    [nodes, ghosts],
  );
  const shownEdges = useMemo(
    () => (overlay?.edges || overlay?.path ? decoratedEdges(edges, overlay, new Set(shown.map((n) => n.id))) : edges),
    [edges, overlay, shown],
  );

  const lod = useLodEdges(shownEdges);

  const handleNodesChange = useCallback(
    (changes: NodeChange<FlowNode | GhostNode>[]) => {
      const ghostIds = new Set(ghosts.map((g) => g.id));
      const plain = changes.filter(isPlain);
      const theirs = plain.filter((c) => ghostIds.has(c.id));
      const mine = plain.filter((c) => !ghostIds.has(c.id));
      if (theirs.length) setGhosts((gs) => applyNodeChanges<GhostNode>(theirs, gs));
      if (mine.length) onNodesChange(mine);
    },
    [ghosts, onNodesChange],
  );

  const onConnect = useCallback(
    (c: Connection) => store.getState().connect({ source: c.source, sourceHandle: c.sourceHandle, target: c.target }),
    [store],
  );
  const isValidConnection = useCallback<IsValidConnection<FlowEdge>>(
    (c) =>
      connectionProblem(store.getState().graph(), {
        source: c.source,
        sourceHandle: c.sourceHandle ?? null,
        target: c.target,
      }) === null,
    [store],
  );

  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (readOnly || !e.dataTransfer.types.includes(NODE_DND_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    [readOnly],
  );
  const onDrop = useCallback(
    (e: DragEvent) => {
      const nodeType = e.dataTransfer.getData(NODE_DND_TYPE);
      if (readOnly || !nodeType) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const action = connectorActionOf(e.dataTransfer.getData(CONNECTOR_DND_TYPE));
      const id = action
        ? store.getState().addConnectorAt(action.connector, action.action, at)
        : store.getState().addNodeAt(nodeType, at);
      // A drop near an edge may land under the minimap or the toolbar: bring it into view.
      if (id) reveal(id);
    },
    [readOnly, store, screenToFlowPosition, reveal],
  );

  return (
    <CanvasOverlayContext.Provider value={overlay ?? null}>
      <FocusedNodeContext.Provider value={focus.store}>
        <div
          className={`editor-canvas${readOnly ? ' is-read-only' : ''}${lod.zoomedOut ? ' is-zoomed-out' : ''}`}
          data-testid="editor-canvas"
          id={id}
          role="application"
          aria-label={`${label}${readOnly ? ' (read-only)' : ''}. Press ? for keyboard shortcuts.`}
          tabIndex={0}
          {...keys}
          {...focus.handlers}
        >
          <ReactFlow<FlowNode | GhostNode, FlowEdge>
            nodes={shown}
            edges={lod.edges}
            nodeTypes={nodeTypes}
            onNodesChange={handleNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onNodeDragStart={beginGesture}
            onNodeDragStop={endGesture}
            onSelectionDragStart={beginGesture}
            onSelectionDragStop={endGesture}
            onDragOver={onDragOver}
            onDrop={onDrop}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            elementsSelectable
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            onlyRenderVisibleElements={nodes.length >= RENDER_VISIBLE_FROM}
            minZoom={0.05}
            maxZoom={2}
            fitView={fitOnOpen}
            fitViewOptions={nodes.length >= RENDER_VISIBLE_FROM ? BIG_GRAPH_FIT : SMALL_GRAPH_FIT}
          >
            <Background gap={20} />
            {lod.zoomedOut && <LodEdges edges={shownEdges} />}
            {showMap && <MiniMap pannable zoomable nodeColor={nodeColor} ariaLabel="Minimap" />}
            <CanvasToolbar
              readOnly={readOnly}
              onShortcuts={openShortcuts}
              showMap={showMap}
              onToggleMap={() => setShowMap((v) => !v)}
            />
          </ReactFlow>
        </div>
      </FocusedNodeContext.Provider>
      <p className="visually-hidden" aria-live="polite" data-testid="canvas-announcer">
        {announcement}
      </p>
      <ShortcutsSheet open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      {!readOnly && <ConnectDialog />}
    </CanvasOverlayContext.Provider>
  );
}

/** The connector action a palette item carries; undefined for any other drag. */
function connectorActionOf(text: string): { connector: string; action: string } | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return undefined;
    const { connector, action } = v as Record<string, unknown>;
    return typeof connector === 'string' && typeof action === 'string' ? { connector, action } : undefined;
  } catch {
    return undefined;
  }
}
