import { useId, useMemo } from 'react';
import type { CompletionItem } from '../contracts';
import { CodeInput } from './CodeInput';
import { checkExpression, syntaxMessage } from './syntax';

export interface ExpressionInputProps {
  value: string;
  onChange(value: string): void;
  /** Paths to offer (`event.*`, `steps.<id>.output.*`, `vars.*`); JSONata functions come with it. */
  completions: readonly CompletionItem[];
  id?: string;
  /** When no `<label for>` names the field. */
  ariaLabel?: string;
  /** Help and problem ids; the live syntax message is added to them. */
  describedBy?: string;
  /** The validator already reports a problem here. */
  invalid?: boolean;
  required?: boolean;
  readOnly?: boolean;
  placeholder?: string;
}

/**
 * A JSONata expression field: parsed on every change (never evaluated), the parser's
 * message and position shown under it and the offending word underlined; completion of
 * paths and `$functions` at the caret.
 */
export function ExpressionInput(props: ExpressionInputProps) {
  const errorId = useId();
  const report = useMemo(() => checkExpression(props.value), [props.value]);
  const issue = report.issues[0];
  return (
    <>
      <CodeInput
        value={props.value}
        onChange={props.onChange}
        mode="expression"
        multiline
        completions={props.completions}
        highlights={report.highlights}
        id={props.id}
        ariaLabel={props.ariaLabel}
        describedBy={[props.describedBy, issue ? errorId : undefined].filter(Boolean).join(' ')}
        invalid={props.invalid || issue !== undefined}
        required={props.required}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
      />
      {issue && (
        <p id={errorId} className="pf-syntax">
          {syntaxMessage(props.value, issue)}
        </p>
      )}
    </>
  );
}
