import { useId, type ReactElement } from 'react';

/**
 * A labelled control with the messages the server gave for it, read with the control
 * (`aria-describedby`) and marking it invalid.
 */
export function FormField({
  label,
  errors = [],
  help,
  children,
}: {
  label: string;
  errors?: readonly string[] | undefined;
  help?: string | undefined;
  children(props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }): ReactElement;
}) {
  const id = useId();
  const described = [help ? `${id}-help` : '', errors.length > 0 ? `${id}-errors` : ''].filter(Boolean).join(' ');
  return (
    <div className={`cred-field${errors.length > 0 ? ' cred-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': errors.length > 0, 'aria-describedby': described || undefined })}
      {help && (
        <p id={`${id}-help`} className="muted">
          {help}
        </p>
      )}
      {errors.length > 0 && (
        <p id={`${id}-errors`} className="error">
          {errors.join('; ')}
        </p>
      )}
    </div>
  );
}
