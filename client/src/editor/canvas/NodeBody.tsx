import { nodeDefinition, nodeSummary } from '@autonomic/workflow';
import { Handle, Position } from '@xyflow/react';
import { useMemo } from 'react';
import { effectOfNode } from '../graph/ports';
import { useEditor } from '../store/context';
import type { NodeData } from '../types';
import { NodeIcon } from './NodeIcon';
import { NodeMarkerBadge } from './NodeMarkerBadge';
import { NodePorts } from './NodePorts';
import { useNodeDecoration, useOnOverlayPath } from './overlay-context';

const EFFECT_TEXT = { destructive: 'destructive', write: 'writes', read: 'reads', none: '' } as const;

/** Problems of one node, as a badge; reads only this node's count from the store. */
function ProblemBadge({ id }: { id: string }) {
  const count = useEditor((s) => s.problemsByNode.get(id)?.length ?? 0);
  if (count === 0) return null;
  return (
    <span className="node-problems" data-testid={`problems-${id}`} title={`${count} problem${count === 1 ? '' : 's'}`}>
      {count}
      <span className="visually-hidden"> problem{count === 1 ? '' : 's'}</span>
    </span>
  );
}

/** Safety policies this node breaks, as a marker beside the problems; reads only this node's count. */
function PolicyBadge({ id }: { id: string }) {
  const count = useEditor((s) => s.violationsByNode.get(id)?.length ?? 0);
  if (count === 0) return null;
  const what = `${count} safety polic${count === 1 ? 'y' : 'ies'} broken`;
  return (
    <span className="node-policy" data-testid={`policy-marker-${id}`} title={what}>
      <span aria-hidden="true">§</span>
      {count}
      <span className="visually-hidden"> {what}</span>
    </span>
  );
}

/**
 * What a trigger or step looks like: glyph, label, key params, effect class, problems,
 * and its handles (one input on the left except on triggers, one output per port).
 */
export function NodeBody({
  id,
  data,
  trigger,
  isConnectable,
  ghost = false,
}: {
  id: string;
  data: NodeData;
  trigger: boolean;
  isConnectable: boolean;
  ghost?: boolean;
}) {
  const def = nodeDefinition(data.nodeType);
  const decoration = useNodeDecoration(id);
  const onPath = useOnOverlayPath(id);
  const effect = def ? effectOfNode(def, data.params) : 'none';
  const title = data.label || def?.label || data.nodeType;
  const lines = useMemo(() => nodeSummary(data.nodeType, data.params), [data.nodeType, data.params]);
  const classes = [
    'flow-node',
    `effect-${effect}`,
    trigger ? 'flow-node-trigger' : '',
    decoration ? `node-state-${decoration.state}` : '',
    ghost ? 'flow-node-ghost' : '',
    onPath ? 'node-policy-path' : '',
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={`node-${id}`}
      data-node-type={data.nodeType}
      {...(onPath ? { 'data-policy-path': 'true' } : {})}
    >
      {!trigger && <Handle type="target" position={Position.Left} isConnectable={isConnectable} title="Input" />}
      <div className="node-head">
        <NodeIcon nodeType={data.nodeType} />
        {/* Two lines at most (editor.css); the whole title on hover. */}
        <span className="node-label" title={title}>
          {title}
        </span>
        {!ghost && <PolicyBadge id={id} />}
        {!ghost && <ProblemBadge id={id} />}
        <NodeMarkerBadge id={id} />
      </div>
      <div className="node-meta">
        <span className="node-type">{def?.label ?? `unknown type ${data.nodeType}`}</span>
        <span className="node-id" title={id}>
          {id}
        </span>
        {EFFECT_TEXT[effect] && <span className={`effect-tag effect-tag-${effect}`}>{EFFECT_TEXT[effect]}</span>}
      </div>
      {lines.length > 0 && (
        <ul className="node-summary">
          {lines.map((line, i) => (
            <li key={i} title={line}>
              {line}
            </li>
          ))}
        </ul>
      )}
      {decoration?.note && <p className="node-decoration">{decoration.note}</p>}
      <NodePorts nodeId={id} nodeType={data.nodeType} params={data.params} isConnectable={isConnectable} />
    </div>
  );
}
