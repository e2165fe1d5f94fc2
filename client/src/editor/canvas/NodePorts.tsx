import { Handle, Position } from '@xyflow/react';
import { useMemo } from 'react';
import { portsOfNode } from '../graph/ports';

/** One source handle per output port, labelled, stacked down the node's right edge. */
export function NodePorts({
  nodeId,
  nodeType,
  params,
  isConnectable,
}: {
  nodeId: string;
  nodeType: string;
  params: Record<string, unknown> | undefined;
  isConnectable: boolean;
}) {
  const ports = useMemo(() => portsOfNode(nodeType, params), [nodeType, params]);
  if (ports.length === 0) return null;
  return (
    <ul className="node-ports" aria-label="Outputs">
      {ports.map((p) => (
        <li key={p.id} className={`node-port node-port-${p.id === 'error' ? 'error' : 'normal'}`}>
          <span className="node-port-label">
            {p.label}
            {p.required ? '' : ' (optional)'}
          </span>
          <Handle
            type="source"
            position={Position.Right}
            id={p.id}
            isConnectable={isConnectable}
            data-testid={`handle-${nodeId}-${p.id}`}
            title={p.multiple ? `${p.label}: connect several steps` : p.label}
          />
        </li>
      ))}
    </ul>
  );
}
