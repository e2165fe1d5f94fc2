import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, type ClipboardEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { addNote, moveNodes, parseClipboard, serializeClipboard, type ClipboardPayload } from '../commands';
import { useEditorStore } from '../store/context';
import { readClipboardPayload, rememberCopy, rememberedCopy, writeSystemClipboard } from './clipboard-io';
import { isEditableTarget } from './editable';
import { freePosition } from './placement';
import { useViewportCentre } from './useViewportCentre';
import { fitOptions } from './fit';
import { connectUiOf } from './connectUi';
import { nudged } from './nudge';

/** When no `paste` event follows Ctrl+V this soon, the clipboard is read directly. */
const PASTE_EVENT_WAIT_MS = 60;

/**
 * Keyboard and clipboard handling of the canvas (see SHORTCUTS). Handlers go on the
 * canvas's wrapper; keys typed in fields (a note, a form) are left alone.
 */
export function useCanvasShortcuts({ readOnly, openShortcuts }: { readOnly: boolean; openShortcuts(): void }) {
  const store = useEditorStore();
  const { fitView, screenToFlowPosition } = useReactFlow();
  const centre = useViewportCentre();
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const pendingPaste = useRef<ReturnType<typeof setTimeout> | null>(null);

  const pasteHere = useCallback(
    (payload: ClipboardPayload | null) => {
      if (!payload) return;
      const at = pointer.current ? screenToFlowPosition(pointer.current) : undefined;
      store.getState().pastePayload(payload, at);
    },
    [store, screenToFlowPosition],
  );

  const copy = useCallback(() => {
    const payload = store.getState().copySelected();
    if (!payload) return null;
    rememberCopy(payload);
    const text = serializeClipboard(payload);
    void writeSystemClipboard(text);
    return text;
  }, [store]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (isEditableTarget(e.target) || e.altKey) return;
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const handled = (() => {
        if (e.key === '?') return (openShortcuts(), true);
        if (!mod && e.shiftKey && key === 'f')
          return (void fitView(fitOptions(store.getState().nodes.length, 200)), true);
        if (mod && key === 'c') return (copy(), true);
        if (readOnly) return false;
        if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) return (s.removeSelected(), true);
        if (mod && key === 'z') return (e.shiftKey ? s.redo() : s.undo(), true);
        if (mod && key === 'y') return (s.redo(), true);
        if (mod && key === 'd') return (s.duplicateSelected(), true);
        if (mod && key === 'a') return (s.selectAll(), true);
        if (mod && key === 'x') return (copy() !== null && s.removeSelected(), true);
        if (mod && key === 'v') {
          pendingPaste.current = setTimeout(() => {
            pendingPaste.current = null;
            void readClipboardPayload().then(pasteHere);
          }, PASTE_EVENT_WAIT_MS);
          return false; // let the browser fire its paste event
        }
        if (!mod && !e.shiftKey && key === 'c') {
          const only = s.selection.nodes.length === 1 ? s.nodes.find((n) => n.id === s.selection.nodes[0]) : undefined;
          if (!only || only.type === 'note') return false;
          return (connectUiOf(store).getState().open(only.id), true);
        }
        // On a node, React Flow moves the selection itself; on the canvas itself, these do.
        const positions = e.target === e.currentTarget && !mod ? nudged(s.nodes, e.key, e.shiftKey) : null;
        if (positions) return (s.run(moveNodes, { positions }, { coalesce: 'nudge' }), true);
        if (!mod && !e.shiftKey && key === 'n')
          return (s.run(addNote, { position: freePosition(s.nodes, centre()) }), true);
        if (!mod && e.shiftKey && key === 'l') return (void s.autoLayout(), true);
        return false;
      })();
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    [store, readOnly, openShortcuts, fitView, copy, pasteHere, centre],
  );

  const onCopy = useCallback(
    (e: ClipboardEvent) => {
      if (isEditableTarget(e.target)) return;
      const text = copy();
      if (text === null) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    },
    [copy],
  );

  const onPaste = useCallback(
    (e: ClipboardEvent) => {
      if (isEditableTarget(e.target) || readOnly) return;
      if (pendingPaste.current) clearTimeout(pendingPaste.current);
      pendingPaste.current = null;
      const text = e.clipboardData.getData('text/plain');
      // Other text on the clipboard is not ours to paste; an empty clipboard falls back to the last copy.
      pasteHere(text ? parseClipboard(text) : rememberedCopy());
      e.preventDefault();
    },
    [pasteHere, readOnly],
  );

  const pointerHandlers = useMemo(
    () => ({
      onPointerMove: (e: PointerEvent) => {
        pointer.current = { x: e.clientX, y: e.clientY };
      },
      onPointerLeave: () => {
        pointer.current = null;
      },
    }),
    [],
  );

  return { onKeyDown, onCopy, onPaste, ...pointerHandlers };
}
