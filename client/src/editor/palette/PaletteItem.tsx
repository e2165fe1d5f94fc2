import type { NodeDefinition } from '@autonomic/workflow';
import type { DragEvent } from 'react';
import { NODE_DND_TYPE } from '../canvas/EditorCanvas';
import { NodeIcon } from '../canvas/NodeIcon';
import { effectOfNode } from '../graph/ports';

/** A node type to drag onto the canvas, or to add at the centre of the view with Enter or a click. */
export function PaletteItem({
  def,
  onInsert,
  disabled,
}: {
  def: NodeDefinition;
  onInsert(type: string): void;
  disabled: boolean;
}) {
  const descId = `palette-desc-${def.type}`;
  const effect = effectOfNode(def, def.defaults);
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(NODE_DND_TYPE, def.type);
    e.dataTransfer.setData('text/plain', def.label);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button
        type="button"
        className={`palette-item effect-${effect}`}
        draggable={!disabled}
        disabled={disabled}
        onDragStart={onDragStart}
        onClick={() => onInsert(def.type)}
        aria-describedby={descId}
        data-testid={`palette-${def.type}`}
        title={`${def.description} Drag onto the canvas, or press Enter to add it at the centre.`}
      >
        <NodeIcon nodeType={def.type} />
        <span>{def.label}</span>
        <span className="palette-desc" id={descId}>
          {def.description}
        </span>
      </button>
    </li>
  );
}
