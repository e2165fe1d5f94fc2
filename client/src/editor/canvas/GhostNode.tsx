import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GhostNode as GhostNodeType } from './overlay';
import { ghostHasInput } from './overlay';
import { NodeBody } from './NodeBody';

/** A node that is not in the graph (removed in a diff): semi-transparent red, not editable. */
export const GhostNode = memo(function GhostNode({ id, data }: NodeProps<GhostNodeType>) {
  return (
    <div role="group" aria-label={`removed: ${data.label ?? id}`}>
      <NodeBody id={id} data={data} trigger={!ghostHasInput(data.nodeType)} isConnectable={false} ghost />
    </div>
  );
});
