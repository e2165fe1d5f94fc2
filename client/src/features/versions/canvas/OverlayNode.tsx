import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { FlowNode } from './flowElements';

/** A node of the read-only canvas: its label and type, and the overlay's state and note. */
export function OverlayNode({ data }: NodeProps<FlowNode>) {
  if (data.nodeType === 'note') {
    return <div className="ov-note">{data.text}</div>;
  }
  const d = data.decoration;
  return (
    <div className={`ov-node ov-cat-${data.category}${data.ghost ? ' ov-ghost' : ''}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="ov-label">{data.label}</div>
      <div className="ov-type">{data.nodeType}</div>
      {d && (
        <div className={`ov-state ov-state-${d.state}`}>
          {d.note?.startsWith(d.state) ? d.note : `${d.state}${d.note ? ` · ${d.note}` : ''}`}
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
