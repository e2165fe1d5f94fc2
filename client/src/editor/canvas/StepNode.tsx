import { nodeDefinition } from '@autonomic/workflow';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { effectOfNode, portsOfNode } from '../graph/ports';
import type { FlowNode } from '../types';
import { useHasFocus, useZoomedOut } from './lod';
import { NodeBody } from './NodeBody';
import { useNodeDecoration } from './overlay-context';
import { PlainNode } from './PlainNode';

/**
 * The canvas component of steps and triggers (memoised: a drag re-renders only the dragged
 * node). Zoomed out it is a plain box, except while selected or focused: a keyboard or
 * screen-reader user on a node gets all of it.
 */
export const StepNode = memo(function StepNode({
  id,
  data,
  type,
  isConnectable,
  selected,
  width,
  height,
}: NodeProps<FlowNode>) {
  const zoomedOut = useZoomedOut();
  const focused = useHasFocus(id);
  const decoration = useNodeDecoration(id);
  const trigger = type === 'trigger';
  if (!zoomedOut || selected || focused)
    return <NodeBody id={id} data={data} trigger={trigger} isConnectable={isConnectable} />;
  const def = nodeDefinition(data.nodeType);
  const classes = [
    `effect-${def ? effectOfNode(def, data.params) : 'none'}`,
    trigger ? 'flow-node-trigger' : '',
    decoration ? `node-state-${decoration.state}` : '',
  ];
  return (
    <PlainNode
      id={id}
      name={data.label || def?.label || data.nodeType}
      className={classes.filter(Boolean).join(' ')}
      width={width}
      height={height}
      outputs={width && height ? [] : portsOfNode(data.nodeType, data.params).map((p) => p.id)}
      input={!trigger}
    />
  );
});
