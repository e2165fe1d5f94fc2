/** Longer names are cut to this many characters (the whole name is the tick's tooltip). */
export const TICK_CHARS = 18;

/** A name as short as a tick can show: cut with an ellipsis past `max` characters. */
export function shortName(name: string, max = TICK_CHARS): string {
  return name.length <= max ? name : `${name.slice(0, max - 1).trimEnd()}…`;
}

/**
 * An x-axis label for workflow names: slanted so that neighbours do not overlap, cut to
 * TICK_CHARS characters, the whole name in its `<title>` (the browser's tooltip, and what a
 * screen reader reads). Recharts passes the position and the value.
 */
export function NameTick({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value?: unknown } }) {
  const name = String(payload?.value ?? '');
  return (
    <g transform={`translate(${x},${y})`}>
      <text dy={12} textAnchor="end" transform="rotate(-30)" fontSize={12} fill="currentColor">
        <title>{name}</title>
        {shortName(name)}
      </text>
    </g>
  );
}
