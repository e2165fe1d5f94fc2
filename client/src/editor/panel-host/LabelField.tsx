import { useId } from 'react';
import { updateLabel } from '../commands';
import { useEditor } from '../store/context';

/** The node's display name; ids stay the same, so renaming never breaks an expression. */
export function LabelField({ id, label, fallback }: { id: string; label: string; fallback: string }) {
  const run = useEditor((s) => s.run);
  const readOnly = useEditor((s) => s.readOnly);
  const inputId = useId();
  return (
    <label htmlFor={inputId}>
      Label
      <input
        id={inputId}
        value={label}
        placeholder={fallback}
        readOnly={readOnly}
        maxLength={120}
        onChange={(e) => run(updateLabel, { id, label: e.target.value }, { coalesce: `label:${id}` })}
        data-testid="node-label-input"
      />
    </label>
  );
}
