/** A JSON value, pretty-printed, in a collapsible block. */
export function JsonBlock({ label, value, open = false }: { label: string; value: unknown; open?: boolean }) {
  if (value === undefined || value === null) return null;
  return (
    <details open={open} className="json-block">
      <summary>{label}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
