import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { updateNote } from '../commands';
import { useEditor } from '../store/context';
import type { FlowNode } from '../types';
import { useHasFocus, useZoomedOut } from './lod';
import { PlainNode } from './PlainNode';

/** A sticky note: free text on the canvas, layout only (never part of the logic). Zoomed out: a plain box. */
export const NoteNode = memo(function NoteNode({ id, data, selected, width, height }: NodeProps<FlowNode>) {
  const readOnly = useEditor((s) => s.readOnly);
  const run = useEditor((s) => s.run);
  const zoomedOut = useZoomedOut();
  const focused = useHasFocus(id);
  if (zoomedOut && !selected && !focused)
    return (
      <PlainNode
        id={id}
        name={`Note: ${data.text ?? ''}`}
        className="note-node"
        width={width}
        height={height}
        outputs={[]}
        input={false}
      />
    );
  return (
    <div className="note-node" data-testid={`node-${id}`}>
      {readOnly ? (
        <p className="note-text">{data.text}</p>
      ) : (
        <textarea
          className="note-text nodrag nowheel"
          aria-label="Note text"
          placeholder="Note…"
          value={data.text ?? ''}
          onChange={(e) => run(updateNote, { id, text: e.target.value }, { coalesce: `note:${id}` })}
        />
      )}
    </div>
  );
});
