import { Severity, type MetadataInput } from '@autonomic/workflow';
import { useEffect, useId, useRef } from 'react';
import { setMetadata } from '../../editor/commands';
import { useEditor } from '../../editor';
import { FailureHandlerField } from './FailureHandlerField';

/** Workflow details (name, description, tags, severity, category, manual baseline) as a side drawer. */
export function MetadataDrawer({ onClose }: { onClose(): void }) {
  const metadata = useEditor((s) => s.metadata);
  const readOnly = useEditor((s) => s.readOnly);
  const run = useEditor((s) => s.run);
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const patch = (field: keyof MetadataInput, value: MetadataInput[keyof MetadataInput]) =>
    run(setMetadata, { patch: { [field]: value } }, { coalesce: `meta:${field}` });
  return (
    <aside
      className="metadata-drawer node-panel"
      aria-labelledby={`${id}-title`}
      data-testid="metadata-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="drawer-head">
        <h2 id={`${id}-title`}>Workflow details</h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </div>
      <label>
        Name
        <input
          ref={first}
          value={metadata.name}
          readOnly={readOnly}
          required
          maxLength={120}
          onChange={(e) => patch('name', e.target.value)}
          data-testid="meta-name"
        />
      </label>
      <label>
        Description
        <textarea
          rows={4}
          value={metadata.description ?? ''}
          readOnly={readOnly}
          onChange={(e) => patch('description', e.target.value)}
        />
      </label>
      <label>
        Tags <span className="muted">comma separated</span>
        <input
          value={(metadata.tags ?? []).join(', ')}
          readOnly={readOnly}
          onChange={(e) =>
            patch(
              'tags',
              e.target.value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            )
          }
        />
      </label>
      <label>
        Severity
        <select
          value={metadata.severity ?? 'medium'}
          disabled={readOnly}
          onChange={(e) => {
            const parsed = Severity.safeParse(e.target.value);
            if (parsed.success) patch('severity', parsed.data);
          }}
        >
          {Severity.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Category
        <input
          value={metadata.category ?? ''}
          placeholder="general"
          readOnly={readOnly}
          onChange={(e) => patch('category', e.target.value || undefined)}
        />
      </label>
      <label>
        Manual baseline (minutes)
        <span className="muted">How long an analyst takes by hand; dashboards count time saved against it.</span>
        <input
          type="number"
          min={0}
          max={10000}
          value={metadata.manualBaselineMinutes ?? ''}
          readOnly={readOnly}
          onChange={(e) => patch('manualBaselineMinutes', e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </label>
      <FailureHandlerField />
    </aside>
  );
}
