import type { ValueChange } from '@autonomic/api';
import { formatValue } from './format';

/** `path: before → after`, one line per changed value. */
export function ValueChanges({ changes, prefix = '' }: { changes: readonly ValueChange[]; prefix?: string }) {
  if (changes.length === 0) return null;
  return (
    <ul className="value-changes" data-testid="param-diff">
      {changes.map((c) => (
        <li key={c.path}>
          <code>{prefix + (c.path || '(whole value)')}</code>: <del>{formatValue(c.before)}</del> →{' '}
          <ins>{formatValue(c.after)}</ins>
        </li>
      ))}
    </ul>
  );
}
