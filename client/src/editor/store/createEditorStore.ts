/**
 * One store per editor instance (two editors may coexist: a diff shows two). The graph
 * and everything derived from it live here; components read narrow slices with
 * `useEditor(selector)` and change the graph only through commands, so every change
 * is undoable.
 */
import { compileGraph, connectorProblems, type PolicyViolation, type Problem } from '@autonomic/workflow';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  addNode,
  connect,
  copyNodes,
  duplicate,
  moveNodes,
  nextNodeId,
  paste,
  removeSelection,
  type ClipboardPayload,
  type ConnectArgs,
} from '../commands';
import { autoLayoutArgs } from '../commands/autoLayout';
import { connectorContextOf, connectorStepParams, EMPTY_CATALOG, type ConnectorCatalog } from '../connectors/catalog';
import { selectOnly } from '../commands/helpers';
import { toEditorGraph } from '../graph/convert';
import { freshId, idBase, idsOf } from '../graph/ids';
import type { Command, FlowEdge, FlowNode, Graph, XY } from '../types';
import { COALESCE_MS, pushBounded, samePositions, snapshot } from './history';
import { createPolicyChecker, refocus, violationsByNode, type PolicySetup } from './policies';
import { isSaved, savedStateOf } from './savedState';
import { IDLE_FROM_NODES } from './validation';
import { selectionOf, type Selection } from './selection';

export interface EditorState extends Graph {
  selection: Selection;
  /** Undo stack (oldest first) and redo stack (next redo last). */
  past: Graph[];
  future: Graph[];
  /** The compiler's problems for the current graph (updated by live validation). */
  problems: Problem[];
  /** Problems by node id, for narrow per-node selectors. */
  problemsByNode: ReadonlyMap<string, Problem[]>;
  /** The validator's warnings: shown beside the problems, never blocking. */
  warnings: Problem[];
  /** The organisation's safety policies and the workflow settings they read (loaded by the page); null: none checked. */
  policySetup: PolicySetup | null;
  /** How the graph breaks the enabled safety policies (updated with the problems). */
  violations: PolicyViolation[];
  violationsByNode: ReadonlyMap<string, PolicyViolation[]>;
  /** The violation chosen in the problems list: the canvas draws its path while its node is selected. */
  focusedViolation: PolicyViolation | null;
  readOnly: boolean;
  /** Installed connectors and the credentials steps may name (loaded by the page; not part of the graph). */
  connectors: ConnectorCatalog;
  /** Bumped by every change of content or layout (not by selecting or measuring). */
  revision: number;
  /**
   * Bumped when what validation reads besides the graph (the catalog, the policies)
   * arrives for a big graph: live validation then compiles at its next idle moment, once
   * for all of them, instead of at once for each.
   */
  validationWanted: number;
  /**
   * The latest `revision` whose content is the one last loaded or saved: the editor has
   * unsaved changes when they differ. An edit undone back to the saved content (or typed
   * and deleted again) sets it to the new revision: nothing changed, nothing to save.
   */
  savedRevision: number;

  /** The graph now (content and positions). */
  graph(): Graph;
  /** Applies a command and records it for undo. Returns false when nothing changed or read-only. */
  run<A>(command: Command<A>, args: A, options?: { coalesce?: string }): boolean;
  undo(): void;
  redo(): void;
  /** Replaces the graph (opening a version): history and problems start afresh. */
  load(graph: Graph, options?: { readOnly?: boolean }): void;
  markSaved(): void;
  setReadOnly(readOnly: boolean): void;
  setProblems(problems: Problem[]): void;
  /** Puts the connector catalog in place; a loaded one is validated against at once. */
  setConnectors(catalog: ConnectorCatalog): void;
  /** Puts the safety policies in place and checks the graph against them at once. */
  setPolicies(setup: PolicySetup | null): void;
  focusViolation(violation: PolicyViolation | null): void;
  /** Compiles now (tests, save); live validation calls this debounced. */
  validateNow(): Problem[];

  /** @xyflow/react change handlers: selection and measuring pass through, moves become commands. */
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  /** A drag starts / stops: the moves in between are one undo step. */
  beginGesture(): void;
  endGesture(): void;

  select(ids: { nodes?: readonly string[]; edges?: readonly string[] }): void;
  selectAll(): void;

  addNodeAt(nodeType: string, position: XY, params?: Record<string, unknown>): string | null;
  /** Adds a step running one action of a loaded connector (pinned, effect/target copied); null when unknown. */
  addConnectorAt(connectorId: string, actionId: string, position: XY): string | null;
  connect(args: ConnectArgs): boolean;
  removeSelected(): boolean;
  duplicateSelected(): boolean;
  copySelected(): ClipboardPayload | null;
  pastePayload(payload: ClipboardPayload, at?: XY): boolean;
  /** Lays the graph out with ELK, then applies it as one command. */
  autoLayout(): Promise<boolean>;
}

export type EditorStore = StoreApi<EditorState>;

export interface EditorInit extends Partial<Graph> {
  readOnly?: boolean;
}

const EMPTY_GRAPH: Graph = { nodes: [], edges: [], metadata: { name: 'Untitled workflow' }, vars: {}, tests: [] };

function byNode(problems: readonly Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = map.get(p.nodeId);
    if (list) list.push(p);
    else map.set(p.nodeId, [p]);
  }
  return map;
}

export function createEditorStore(initial: EditorInit = {}): EditorStore {
  const { readOnly = false, ...graph } = initial;
  /** An open drag: the graph before it. */
  let gesture: Graph | null = null;
  let lastCoalesce: { key: string; at: number } | null = null;
  const checkPolicies = createPolicyChecker();
  /** The content last loaded or saved, compared after every change. */
  let saved = savedStateOf(snapshot({ ...EMPTY_GRAPH, ...graph }));

  return createStore<EditorState>()((set, get) => {
    /** The next revision, and whether it has the saved content (then it is the saved revision). */
    const nextRevision = (g: Graph) => {
      const s = get();
      const revision = s.revision + 1;
      return { revision, savedRevision: isSaved(saved, g) ? revision : s.savedRevision };
    };

    /** Puts a new graph in place: selection follows the nodes' flags. */
    const commit = (next: Graph, history: Partial<Pick<EditorState, 'past' | 'future'>>) => {
      const s = get();
      set({
        ...snapshot(next),
        ...history,
        selection: selectionOf(next.nodes, next.edges, s.selection),
        ...nextRevision(next),
      });
    };

    const run: EditorState['run'] = (command, args, options) => {
      const s = get();
      if (s.readOnly) return false;
      const before = s.graph();
      const next = command(before, args);
      if (next === before) return false;
      const now = Date.now();
      const merge =
        options?.coalesce !== undefined &&
        lastCoalesce?.key === options.coalesce &&
        now - lastCoalesce.at < COALESCE_MS &&
        s.past.length > 0;
      lastCoalesce = options?.coalesce === undefined ? null : { key: options.coalesce, at: now };
      commit(next, { past: merge ? s.past : pushBounded(s.past, before), future: [] });
      return true;
    };

    /** Validates now on a small graph; on a big one asks live validation to (see `validationWanted`). */
    const validateSoon = () => {
      if (get().nodes.length >= IDLE_FROM_NODES) set((s) => ({ validationWanted: s.validationWanted + 1 }));
      else get().validateNow();
    };

    return {
      ...EMPTY_GRAPH,
      ...graph,
      selection: selectionOf(graph.nodes ?? [], graph.edges ?? [], { nodes: [], edges: [] }),
      past: [],
      future: [],
      problems: [],
      problemsByNode: new Map(),
      warnings: [],
      policySetup: null,
      violations: [],
      violationsByNode: new Map(),
      focusedViolation: null,
      connectors: EMPTY_CATALOG,
      readOnly,
      revision: 0,
      validationWanted: 0,
      savedRevision: 0,

      graph: () => snapshot(get()),
      run,
      undo() {
        const s = get();
        const previous = s.past[s.past.length - 1];
        if (!previous || s.readOnly) return;
        lastCoalesce = null;
        commit(previous, { past: s.past.slice(0, -1), future: [...s.future, s.graph()] });
      },
      redo() {
        const s = get();
        const next = s.future[s.future.length - 1];
        if (!next || s.readOnly) return;
        lastCoalesce = null;
        commit(next, { past: pushBounded(s.past, s.graph()), future: s.future.slice(0, -1) });
      },
      load(g, options) {
        gesture = null;
        lastCoalesce = null;
        saved = savedStateOf(snapshot(g));
        set({
          ...snapshot(g),
          selection: selectionOf(g.nodes, g.edges, { nodes: [], edges: [] }),
          past: [],
          future: [],
          problems: [],
          problemsByNode: new Map(),
          warnings: [],
          violations: [],
          violationsByNode: new Map(),
          focusedViolation: null,
          readOnly: options?.readOnly ?? get().readOnly,
          revision: get().revision + 1,
          savedRevision: get().revision + 1,
        });
      },
      markSaved() {
        // The next edit starts its own undo step: undoing it comes back to what was saved.
        lastCoalesce = null;
        saved = savedStateOf(get().graph());
        set({ savedRevision: get().revision });
      },
      setReadOnly: (v) => set({ readOnly: v }),
      setProblems: (problems) => set({ problems, problemsByNode: byNode(problems) }),
      setConnectors(connectors) {
        set({ connectors });
        // Only a loaded catalog adds problems; compiling now for 'loading' would only delay the first paint.
        if (connectors.status === 'ready') validateSoon();
      },
      setPolicies(policySetup) {
        set({ policySetup });
        validateSoon();
      },
      focusViolation: (focusedViolation) => set({ focusedViolation }),
      validateNow() {
        const graph = toEditorGraph(get().graph());
        const compiled = compileGraph(graph);
        const problems = [...compiled.problems];
        // The catalog check the server makes on save, made at edit time with what the page loaded.
        const ctx = connectorContextOf(get().connectors);
        if (ctx) {
          const steps = Object.fromEntries(
            graph.nodes.map((n) => [n.id, { type: n.data.nodeType, params: n.data.params }]),
          );
          problems.push(...connectorProblems({ steps }, ctx));
        }
        get().setProblems(problems);
        set({ warnings: compiled.warnings ?? [] });
        const violations = checkPolicies(compiled.document, compiled.hash, get().policySetup);
        const before = get().violations;
        if (violations !== before && (violations.length > 0 || before.length > 0))
          set({
            violations,
            violationsByNode: violationsByNode(violations),
            focusedViolation: refocus(get().focusedViolation, violations),
          });
        return problems;
      },

      onNodesChange(changes) {
        const s = get();
        const moves: Record<string, XY> = {};
        const passThrough: NodeChange<FlowNode>[] = [];
        for (const c of changes) {
          if (c.type === 'position') {
            if (s.readOnly || !c.position) continue;
            if (gesture) passThrough.push(c);
            else moves[c.id] = c.position;
          } else if (c.type === 'select' || c.type === 'dimensions') passThrough.push(c);
          // 'remove', 'add' and 'replace' go through commands (removeSelected …) so that they undo.
        }
        if (passThrough.length > 0) {
          const nodes = applyNodeChanges(passThrough, s.nodes);
          set({ nodes, selection: selectionOf(nodes, s.edges, s.selection) });
        }
        if (Object.keys(moves).length > 0) run(moveNodes, { positions: moves }, { coalesce: 'nudge' });
      },
      onEdgesChange(changes) {
        const s = get();
        const selects = changes.filter((c) => c.type === 'select');
        if (selects.length === 0) return;
        const edges = applyEdgeChanges(selects, s.edges);
        set({ edges, selection: selectionOf(s.nodes, edges, s.selection) });
      },
      beginGesture() {
        if (!get().readOnly) gesture = get().graph();
      },
      endGesture() {
        const before = gesture;
        gesture = null;
        const s = get();
        if (!before || samePositions(before.nodes, s.nodes)) return;
        lastCoalesce = null;
        set({ past: pushBounded(s.past, before), future: [], ...nextRevision(s.graph()) });
      },

      select({ nodes = [], edges = [] }) {
        const s = get();
        const edgeIds = new Set(edges);
        const nextNodes = selectOnly(s.nodes, new Set(nodes));
        const nextEdges = s.edges.map((e) =>
          Boolean(e.selected) === edgeIds.has(e.id) ? e : { ...e, selected: edgeIds.has(e.id) },
        );
        set({ nodes: nextNodes, edges: nextEdges, selection: selectionOf(nextNodes, nextEdges, s.selection) });
      },
      selectAll() {
        const s = get();
        get().select({ nodes: s.nodes.map((n) => n.id), edges: s.edges.map((e) => e.id) });
      },

      addNodeAt(nodeType, position, params) {
        const id = nextNodeId(get().nodes, nodeType);
        return run(addNode, { nodeType, position, id, ...(params ? { params } : {}) }) ? id : null;
      },
      addConnectorAt(connectorId, actionId, position) {
        const def = get().connectors.definitions[connectorId];
        const params = def && connectorStepParams(def, actionId);
        if (!params) return null;
        // Named after what it does, so that `steps.check_ip_1…` and the canvas read as the action, not "Connector".
        const id = freshId(idsOf(get().nodes), idBase(actionId));
        const title = def.actions[actionId]?.title ?? actionId;
        return run(addNode, { nodeType: 'connector', position, id, params, label: `${def.name}: ${title}` })
          ? id
          : null;
      },
      connect: (args) => run(connect, args),
      removeSelected: () => run(removeSelection, get().selection),
      duplicateSelected: () => run(duplicate, { ids: get().selection.nodes }),
      copySelected: () => copyNodes(get().graph(), get().selection.nodes),
      pastePayload: (payload, at) => run(paste, at ? { payload, at } : { payload }),
      async autoLayout() {
        if (get().readOnly) return false;
        const revision = get().revision;
        const args = await autoLayoutArgs(get().graph());
        // A change made while ELK worked wins: the layout was computed for an older graph.
        if (get().revision !== revision) return false;
        return run(moveNodes, args);
      },
    };
  });
}
