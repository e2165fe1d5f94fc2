/** The editor's public surface for pages and other features. */
export { createEditorStore, type EditorState, type EditorStore, type EditorInit } from './store/createEditorStore';
export { EditorProvider, useEditor, useEditorStore } from './store/context';
export { EditorCanvas, NODE_DND_TYPE, type EditorCanvasProps } from './canvas/EditorCanvas';
export { GraphView, type GraphViewProps } from './canvas/GraphView';
export { Palette } from './palette/Palette';
export { ProblemsList } from './problems/ProblemsList';
export { NodePanel } from './panel-host/NodePanel';
export { documentToFlowGraph, fromEditorGraph, toEditorGraph } from './graph/convert';
export { documentForSave } from './graph/draft';
export type { FlowEdge, FlowNode, Graph, NodeData, CanvasKind } from './types';
export type { CanvasOverlay, NodeDecoration, NodeMarker, NodeState } from './contracts';
export { shownViolation, type PolicySetup } from './store/policies';
export { EMPTY_CATALOG, type ConnectorCatalog } from './connectors/catalog';
