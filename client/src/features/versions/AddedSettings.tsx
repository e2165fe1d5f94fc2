import type { EditorNode } from '@autonomic/workflow';
import { formatValue } from './format';

/** `[path, value]` for each leaf of a node's settings (objects opened, lists kept whole). */
export function settingsOf(value: unknown, prefix = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [[prefix, value]] : [];
  return Object.entries(value).flatMap(([k, v]) => settingsOf(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * The settings of a node the version adds (or of the trigger of a first version), so a
 * reviewer reads what it will do, not only that it exists.
 */
export function AddedSettings({ node }: { node: EditorNode | undefined }) {
  if (!node) return null;
  const rows = [
    ...settingsOf(node.data.params),
    ...(node.data.timeout ? [['timeout', node.data.timeout] as [string, unknown]] : []),
    ...settingsOf(node.data.retry, 'retry'),
    ...settingsOf(node.data.inputSchema, 'inputSchema'),
  ];
  if (rows.length === 0) return <p className="muted">No settings.</p>;
  return (
    <ul className="value-changes" data-testid="node-settings" aria-label="Settings">
      {rows.map(([path, v]) => (
        <li key={path}>
          <code>{path}</code> <ins>{formatValue(v)}</ins>
        </li>
      ))}
    </ul>
  );
}
