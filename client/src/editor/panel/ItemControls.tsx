interface ItemControlsProps {
  /** "Escalation 2": names what each button acts on. */
  name: string;
  index: number;
  count: number;
  canRemove: boolean;
  onMove(index: number, by: -1 | 1): void;
  onRemove(index: number): void;
}

/** Move up, move down and remove buttons of a list item, each named for screen readers. */
export function ItemControls({ name, index, count, canRemove, onMove, onRemove }: ItemControlsProps) {
  return (
    <span className="pf-item-controls">
      <button
        type="button"
        className="pf-icon"
        data-move={`${index}:up`}
        aria-label={`Move ${name} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(index, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="pf-icon"
        data-move={`${index}:down`}
        aria-label={`Move ${name} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(index, 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="pf-icon pf-remove"
        aria-label={`Remove ${name}`}
        title="Remove"
        disabled={!canRemove}
        onClick={() => onRemove(index)}
      >
        ✕
      </button>
    </span>
  );
}
