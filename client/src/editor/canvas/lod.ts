import { useStore as useFlowStore } from '@xyflow/react';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';

/**
 * Level of detail. Below this zoom a node's text is under 6 px (unreadable) and a graph
 * fitted on screen has hundreds of nodes in view: each is drawn as a plain box (no
 * handles, text or badges), which keeps a 1,000-node graph dragging smoothly.
 */
export const LOD_ZOOM = 0.45;

/**
 * Whether the canvas is zoomed out past `LOD_ZOOM`. A boolean selector: a node re-renders
 * when it flips, not on every zoom step.
 */
export const useZoomedOut = (): boolean => useFlowStore((s) => s.transform[2] < LOD_ZOOM);

/** The node that has the keyboard focus on this canvas (drawn in full whatever the zoom). */
export type FocusedNodeStore = StoreApi<{ id: string | null }>;
export const createFocusedNodeStore = (): FocusedNodeStore => createStore(() => ({ id: null as string | null }));
export const FocusedNodeContext = createContext<FocusedNodeStore | null>(null);

const NO_FOCUS = createFocusedNodeStore();

/** Whether node `id` has the focus; re-renders only the nodes whose answer changes. */
export function useHasFocus(id: string): boolean {
  return useStore(useContext(FocusedNodeContext) ?? NO_FOCUS, (s) => s.id === id);
}

/** The node id a focus event happened in (the React Flow node wrapper or inside it), else null. */
export function nodeIdOf(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  return target.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
}
