/**
 * "Skip to canvas": the first stop of the editor page, shown when focused, so that a
 * keyboard user reaches the canvas without tabbing through the header and the palette.
 */
export function SkipToCanvas({ canvasId }: { canvasId: string }) {
  return (
    <a
      className="editor-skip-link"
      href={`#${canvasId}`}
      onClick={(e) => {
        const canvas = document.getElementById(canvasId);
        if (!canvas) return;
        // Focus, not only scroll: the canvas takes the keys (shortcuts, arrows) from here.
        e.preventDefault();
        canvas.focus();
      }}
    >
      Skip to canvas
    </a>
  );
}
