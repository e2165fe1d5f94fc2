import type { OpenApiOperation } from '@autonomic/api';
import { ConnectorEffect, ConnectorTargetKind } from '@autonomic/workflow';
import { targetParams, type Choice } from './choices';

/**
 * One operation of the document: tick it, then set its action id, its effect (the
 * suggestion is GET/HEAD read, others write: the admin confirms) and the target a
 * destructive action needs, so the safety lists apply. What the import approximates or
 * cannot map is listed under it; the server's messages about it too.
 */
export function OperationRow({
  op,
  choice,
  onChange,
  errors = [],
}: {
  op: OpenApiOperation;
  choice: Choice;
  onChange(choice: Choice): void;
  errors?: readonly string[] | undefined;
}) {
  const set = (patch: Partial<Choice>) => onChange({ ...choice, ...patch });
  const label = `${op.key}${op.summary ? ` — ${op.summary}` : ''}`;
  const targets = targetParams(op);
  return (
    <tr data-testid={`operation-${op.key}`} className={errors.length > 0 ? 'cred-invalid' : undefined}>
      <td>
        <input
          type="checkbox"
          aria-label={`Import ${op.key}`}
          checked={choice.chosen}
          disabled={!op.supported}
          onChange={(e) => set({ chosen: e.target.checked })}
        />
      </td>
      <th scope="row">
        {label}
        <div className="muted">
          {op.params.length > 0
            ? `Params: ${op.params.map((p) => `${p.name}${p.required ? '*' : ''}`).join(', ')}`
            : 'No params'}
        </div>
        {op.notes.length > 0 && (
          <ul className="import-notes" aria-label={`Notes on ${op.key}`}>
            {op.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {errors.length > 0 && (
          <p role="alert" className="error">
            {errors.join('; ')}
          </p>
        )}
      </th>
      <td>
        <input
          aria-label={`Action id of ${op.key}`}
          value={choice.actionId}
          disabled={!choice.chosen}
          onChange={(e) => set({ actionId: e.target.value })}
        />
      </td>
      <td>
        <select
          aria-label={`Effect of ${op.key}`}
          value={choice.effect}
          disabled={!choice.chosen}
          onChange={(e) => set({ effect: ConnectorEffect.parse(e.target.value) })}
        >
          {ConnectorEffect.options.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          aria-label={`Target param of ${op.key}`}
          value={choice.targetParam}
          disabled={!choice.chosen || targets.length === 0}
          onChange={(e) => set({ targetParam: e.target.value })}
        >
          <option value="">{choice.effect === 'destructive' ? 'choose one' : 'none'}</option>
          {targets.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          aria-label={`Target kind of ${op.key}`}
          value={choice.targetKind}
          disabled={!choice.chosen || choice.targetParam === ''}
          onChange={(e) => set({ targetKind: ConnectorTargetKind.parse(e.target.value) })}
        >
          {ConnectorTargetKind.options.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
