import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditorStore } from '../store/createEditorStore';
import { useEditorStore } from '../store/context';

/**
 * UI state of the keyboard "Connect" dialog, apart from the graph (it is never saved nor
 * undone): which node it is open for, and the last thing said to screen readers. One per
 * editor store, so that the panel's button and the canvas's C key open the same dialog.
 */
export interface ConnectUi {
  /** The node the dialog is open for; null: closed. */
  nodeId: string | null;
  /** Read out by the canvas's live region ("Connected … to …"). */
  announcement: string;
  open(nodeId: string): void;
  close(): void;
  announce(text: string): void;
}

const perEditor = new WeakMap<EditorStore, StoreApi<ConnectUi>>();

export function connectUiOf(editor: EditorStore): StoreApi<ConnectUi> {
  let ui = perEditor.get(editor);
  if (!ui) {
    ui = createStore<ConnectUi>()((set) => ({
      nodeId: null,
      announcement: '',
      open: (nodeId) => set({ nodeId }),
      close: () => set({ nodeId: null }),
      announce: (announcement) => set({ announcement }),
    }));
    perEditor.set(editor, ui);
  }
  return ui;
}

/** A slice of the Connect dialog's state of the nearest editor. */
export function useConnectUi<T>(selector: (s: ConnectUi) => T): T {
  return useStore(connectUiOf(useEditorStore()), selector);
}
