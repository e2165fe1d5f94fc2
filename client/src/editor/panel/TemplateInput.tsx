import { useId, useMemo } from 'react';
import type { CompletionItem } from '../contracts';
import { CodeInput } from './CodeInput';
import { checkTemplate, syntaxMessage } from './syntax';

export interface TemplateInputProps {
  value: string;
  onChange(value: string): void;
  /** Offered inside `{{ }}` only. */
  completions: readonly CompletionItem[];
  /** A textarea (messages, bodies) rather than one line. */
  multiline?: boolean;
  id?: string;
  ariaLabel?: string;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  readOnly?: boolean;
  placeholder?: string;
}

/** Text with `{{ expression }}` parts: each part highlighted, parsed, and completed inside its braces. */
export function TemplateInput(props: TemplateInputProps) {
  const errorId = useId();
  const report = useMemo(() => checkTemplate(props.value), [props.value]);
  const bad = report.issues.length > 0;
  return (
    <>
      <CodeInput
        value={props.value}
        onChange={props.onChange}
        mode="template"
        multiline={props.multiline ?? false}
        completions={props.completions}
        highlights={report.highlights}
        id={props.id}
        ariaLabel={props.ariaLabel}
        describedBy={[props.describedBy, bad ? errorId : undefined].filter(Boolean).join(' ')}
        invalid={props.invalid || bad}
        required={props.required}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
      />
      {bad && (
        <div id={errorId} className="pf-syntax">
          {report.issues.map((issue, i) => (
            <p key={i}>{syntaxMessage(props.value, issue)}</p>
          ))}
        </div>
      )}
    </>
  );
}
