import { nodeDefinition } from '@autonomic/workflow';

/** A node type's glyph from the catalogue (decorative: the label names the node). */
export function NodeIcon({ nodeType }: { nodeType: string }) {
  const paths = nodeDefinition(nodeType)?.icon ?? ['M4 4h16v16H4z'];
  return (
    <svg className="node-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
