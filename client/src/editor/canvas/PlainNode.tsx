import type { CSSProperties } from 'react';

/** The size of a node never drawn in full (about a step with one summary line). */
const DEFAULT_SIZE = { width: 216, height: 72 };

/**
 * A node zoomed out (see lod.ts): a box of the node's measured size in its kind's colour,
 * with its name for screen readers only. Keeping the measured size keeps React Flow's
 * handle positions, so edges still meet the ports; a node never measured gets stand-in
 * anchors (every output at the right middle, the input at the left middle: edges simplified).
 */
export function PlainNode({
  id,
  name,
  className,
  width,
  height,
  outputs,
  input,
}: {
  id: string;
  name: string;
  className: string;
  width: number | undefined;
  height: number | undefined;
  outputs: readonly string[];
  input: boolean;
}) {
  const measured = Boolean(width && height);
  const style: CSSProperties = measured ? { width, height } : DEFAULT_SIZE;
  return (
    <div className={`flow-node-lod ${className}`} style={style} data-testid={`node-${id}`} data-lod="plain">
      <span className="visually-hidden">{name}</span>
      {!measured && input && <span className="lod-anchor lod-anchor-in target" data-handlepos="left" />}
      {!measured &&
        outputs.map((p) => (
          <span key={p} className="lod-anchor lod-anchor-out source" data-handleid={p} data-handlepos="right" />
        ))}
    </div>
  );
}
