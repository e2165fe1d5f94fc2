import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../types';
import { NodeBody } from './NodeBody';

/** The canvas component of steps and triggers (memoised: a drag re-renders only the dragged node). */
export const StepNode = memo(function StepNode({ id, data, type, isConnectable }: NodeProps<FlowNode>) {
  return <NodeBody id={id} data={data} trigger={type === 'trigger'} isConnectable={isConnectable} />;
});
