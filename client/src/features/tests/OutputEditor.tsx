import { SchemaForm } from '../../forms/SchemaForm';
import type { Json } from './JsonText';
import { JsonText } from './JsonText';
import type { OutputShape } from './outputShape';

/**
 * A fixture's output: a form from the step's output schema (a JSON view for experts), or,
 * when the step declares none, the JSON editor with the reason why.
 */
export function OutputEditor(props: {
  shape: OutputShape;
  value: Json | undefined;
  readOnly: boolean;
  testId: string;
  onChange(output: Json): void;
}) {
  const { shape, value, readOnly, testId, onChange } = props;
  if ('schema' in shape) {
    const { example } = shape;
    return (
      <>
        {example !== undefined && !readOnly && (
          <button type="button" data-testid={`${testId}-example`} onClick={() => onChange(example)}>
            Start from the example answer
          </button>
        )}
        <SchemaForm
          schema={shape.schema}
          value={value}
          onChange={(v) => onChange(v ?? {})}
          label="Output"
          testId={testId}
          readOnly={readOnly}
        />
      </>
    );
  }
  return (
    <div className="case-output-json">
      <p className="muted" data-testid={`${testId}-why-json`}>
        {shape.why}
      </p>
      <JsonText label="Output (JSON)" rows={3} value={value} readOnly={readOnly} testId={testId} onChange={onChange} />
    </div>
  );
}
