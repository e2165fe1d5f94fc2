import { ReactFlowProvider } from '@xyflow/react';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from './createEditorStore';
import { startLiveValidation } from './validation';

const EditorContext = createContext<EditorStore | null>(null);

/**
 * Gives a subtree its editor store, a React Flow instance of its own and live
 * validation. Two providers side by side are two independent editors.
 */
export function EditorProvider({
  store,
  validate = true,
  children,
}: {
  store: EditorStore;
  /** Run the compiler on every change. @default true */
  validate?: boolean;
  children: ReactNode;
}) {
  useEffect(() => (validate ? startLiveValidation(store) : undefined), [store, validate]);
  return (
    <EditorContext.Provider value={store}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </EditorContext.Provider>
  );
}

/** The editor store of the nearest provider (for actions and `getState()` in handlers). */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditorStore needs an <EditorProvider>');
  return store;
}

/**
 * A narrow slice of the editor state; the component re-renders only when the slice
 * changes (by `Object.is`), so select primitives or stable objects.
 *
 * @example
 * const count = useEditor((s) => s.problemsByNode.get(id)?.length ?? 0);
 */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}
