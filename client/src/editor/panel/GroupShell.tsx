import type { ReactNode, Ref } from 'react';
import { Problems } from './FieldShell';
import type { FieldIds } from './useFieldIds';

interface GroupShellProps {
  ids: FieldIds;
  label: string;
  /** Draws the required mark after the legend. */
  required: boolean;
  help: string | undefined;
  /** Added after `pf-group` (e.g. `pf-list`). */
  className?: string;
  /** Drawn after the legend, before the help (an item's move and remove buttons). */
  actions?: ReactNode;
  ref?: Ref<HTMLFieldSetElement>;
  children: ReactNode;
}

/** Legend, help and the validator's problems of a group of fields (object, list, record, checkboxes). */
export function GroupShell({ ids, label, required, help, className, actions, ref, children }: GroupShellProps) {
  const describedBy = [help ? ids.helpId : '', ids.invalid ? ids.problemId : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      ref={ref}
      className={`pf-group${className ? ` ${className}` : ''}${ids.invalid ? ' pf-invalid' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend className="pf-legend">
        {label}
        {required && (
          <span className="pf-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {actions && <div className="pf-group-actions">{actions}</div>}
      {help && (
        <p id={ids.helpId} className="pf-help">
          {help}
        </p>
      )}
      <Problems id={ids.problemId} messages={ids.problems} />
      {children}
    </fieldset>
  );
}
