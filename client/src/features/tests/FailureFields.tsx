import { ErrorKind } from '@autonomic/workflow';
import { FAILURE_KINDS, failureOf, type FailureDraft } from './caseDraft';

const HTTP_KINDS: ReadonlySet<string> = new Set(['http_5xx', 'http_429', 'http_4xx']);

/** An injected failure: its kind, the HTTP status for the HTTP kinds, an optional message. */
export function FailureFields(props: {
  value: FailureDraft;
  onChange(f: FailureDraft): void;
  readOnly: boolean;
  testId: string;
}) {
  const { value, onChange, readOnly, testId } = props;
  return (
    <div className="case-row-fields">
      <label>
        Error
        <select
          value={value.kind}
          disabled={readOnly}
          data-testid={`${testId}-kind`}
          onChange={(e) => {
            const kind = ErrorKind.safeParse(e.target.value);
            if (kind.success)
              onChange({ ...failureOf(kind.data), ...(value.message ? { message: value.message } : {}) });
          }}
        >
          {FAILURE_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
          {!FAILURE_KINDS.some((k) => k.kind === value.kind) && <option value={value.kind}>{value.kind}</option>}
        </select>
      </label>
      {HTTP_KINDS.has(value.kind) && (
        <label>
          HTTP status
          <input
            type="number"
            min={100}
            max={599}
            value={value.status ?? ''}
            readOnly={readOnly}
            data-testid={`${testId}-status`}
            onChange={(e) => {
              const { status: _old, ...rest } = value;
              onChange(e.target.value === '' ? rest : { ...rest, status: Number(e.target.value) });
            }}
          />
        </label>
      )}
      <label>
        Message <span className="muted">optional</span>
        <input
          value={value.message ?? ''}
          readOnly={readOnly}
          maxLength={500}
          data-testid={`${testId}-message`}
          onChange={(e) => {
            const { message: _old, ...rest } = value;
            onChange(e.target.value === '' ? rest : { ...rest, message: e.target.value });
          }}
        />
      </label>
    </div>
  );
}
