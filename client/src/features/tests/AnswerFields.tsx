import type { AnswerDraft } from './caseDraft';
import { failureOf } from './caseDraft';
import { FailureFields } from './FailureFields';
import { JsonText } from './JsonText';

/** One answer of a sequence: an output (JSON) or a failure. */
export function AnswerFields(props: {
  value: AnswerDraft;
  onChange(a: AnswerDraft): void;
  readOnly: boolean;
  testId: string;
  label: string;
}) {
  const { value, onChange, readOnly, testId, label } = props;
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
        <JsonText
          label="Output (JSON)"
          rows={3}
          value={value.output}
          readOnly={readOnly}
          testId={`${testId}-output`}
          onChange={(output) => onChange({ output })}
        />
      )}
    </div>
  );
}
