import { Panel, useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { addNote } from '../commands';
import { useEditor, useEditorStore } from '../store/context';
import { freePosition } from './placement';
import { useViewportCentre } from './useViewportCentre';
import { fitOptions } from './fit';

/** Canvas buttons: history, auto-layout, view, a note, the minimap and the shortcuts sheet. */
export function CanvasToolbar({
  readOnly,
  onShortcuts,
  showMap,
  onToggleMap,
}: {
  readOnly: boolean;
  onShortcuts(): void;
  /** Whether the minimap is shown (hidden at first on a narrow window). */
  showMap: boolean;
  onToggleMap(): void;
}) {
  const store = useEditorStore();
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const { fitView, zoomIn, zoomOut } = useReactFlow();
  const centre = useViewportCentre();
  const [layingOut, setLayingOut] = useState(false);

  const layout = () => {
    setLayingOut(true);
    void store
      .getState()
      .autoLayout()
      .then((changed) => {
        if (changed) window.requestAnimationFrame(() => void fitView(fitOptions(store.getState().nodes.length, 200)));
      })
      .finally(() => setLayingOut(false));
  };

  return (
    <Panel position="top-right" className="canvas-toolbar" aria-label="Canvas tools">
      {!readOnly && (
        <>
          <button
            type="button"
            onClick={() => store.getState().undo()}
            disabled={!canUndo}
            data-testid="canvas-undo"
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            onClick={() => store.getState().redo()}
            disabled={!canRedo}
            data-testid="canvas-redo"
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
          <button
            type="button"
            onClick={layout}
            disabled={layingOut}
            data-testid="canvas-layout"
            title="Auto-layout (Shift+L)"
          >
            {layingOut ? 'Laying out…' : 'Auto-layout'}
          </button>
          <button
            type="button"
            onClick={() => {
              const s = store.getState();
              s.run(addNote, { position: freePosition(s.nodes, centre()) });
            }}
            data-testid="canvas-add-note"
            title="Add a sticky note (N)"
          >
            Note
          </button>
        </>
      )}
      <button
        type="button"
        onClick={() => void fitView(fitOptions(store.getState().nodes.length, 200))}
        data-testid="canvas-fit"
        title="Fit view (Shift+F)"
      >
        Fit
      </button>
      <button
        type="button"
        onClick={() => void zoomIn({ duration: 150 })}
        aria-label="Zoom in"
        data-testid="canvas-zoom-in"
      >
        +
      </button>
      <button
        type="button"
        onClick={() => void zoomOut({ duration: 150 })}
        aria-label="Zoom out"
        data-testid="canvas-zoom-out"
      >
        −
      </button>
      <button
        type="button"
        onClick={onToggleMap}
        aria-pressed={showMap}
        data-testid="canvas-minimap"
        title={showMap ? 'Hide the minimap' : 'Show the minimap'}
      >
        Map
      </button>
      <button
        type="button"
        onClick={onShortcuts}
        aria-label="Keyboard shortcuts"
        data-testid="canvas-shortcuts"
        title="Shortcuts (?)"
      >
        ?
      </button>
    </Panel>
  );
}
