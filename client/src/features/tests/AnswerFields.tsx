import type { AnswerDraft } from './caseDraft';
import { failureOf } from './caseDraft';
import { FailureFields } from './FailureFields';
import type { OutputShape } from './outputShape';
import { OutputEditor } from './OutputEditor';

/** One answer of a sequence: an output (a form from the step's output schema) or a failure. */
export function AnswerFields(props: {
  value: AnswerDraft;
  shape: OutputShape;
  onChange(a: AnswerDraft): void;
  readOnly: boolean;
  testId: string;
  label: string;
}) {
  const { value, shape, onChange, readOnly, testId, label } = props;
  const fails = value.fail !== undefined;
  return (
    <div className="case-answer" data-testid={testId}>
      <label>
        {label}
        <select
          value={fails ? 'fails' : 'answers'}
          disabled={readOnly}
          data-testid={`${testId}-mode`}
          onChange={(e) =>
            onChange(e.target.value === 'fails' ? { fail: failureOf('http_5xx') } : { output: value.output ?? {} })
          }
        >
          <option value="answers">answers</option>
          <option value="fails">fails</option>
        </select>
      </label>
      {value.fail ? (
        <FailureFields
          value={value.fail}
          readOnly={readOnly}
          testId={`${testId}-fail`}
          onChange={(fail) => onChange({ fail })}
        />
      ) : (
        <OutputEditor
          shape={shape}
          value={value.output}
          readOnly={readOnly}
          testId={`${testId}-output`}
          onChange={(output) => onChange({ output })}
        />
      )}
    </div>
  );
}
