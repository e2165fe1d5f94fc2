import type { ReactNode } from 'react';
import type { FieldIds } from './useFieldIds';

interface FieldShellProps {
  ids: FieldIds;
  label: string;
  required: boolean;
  help: string | undefined;
  /** Visually hidden label (list items and record values): still read out. */
  hideLabel?: boolean;
  children: ReactNode;
  /** Drawn after the input, before the help (e.g. a live syntax message). */
  after?: ReactNode;
}

/** Label, input, inline help and the validator's problems of one field. */
export function FieldShell({ ids, label, required, help, hideLabel, children, after }: FieldShellProps) {
  return (
    <div className={`pf-field${ids.invalid ? ' pf-invalid' : ''}`}>
      <label htmlFor={ids.inputId} className={hideLabel ? 'pf-sr-only' : 'pf-label'}>
        {label}
        {required && !hideLabel && (
          <span className="pf-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {required && !hideLabel && <span className="pf-sr-only"> (required)</span>}
      </label>
      {children}
      {after}
      <p id={ids.helpId} className={hideLabel ? 'pf-sr-only' : 'pf-help'}>
        {help ?? label}
      </p>
      <Problems id={ids.problemId} messages={ids.problems} />
    </div>
  );
}

export function Problems({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} role="alert" className="pf-problem">
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}
