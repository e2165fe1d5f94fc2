import { useId, useState } from 'react';
import { useEditor } from '../../editor';
import { setSamples, type Samples } from '../../editor/commands';

type Sample = Samples[number];

/**
 * The workflow's sample events: reviewers simulate them, and a high-risk version is
 * approved only once they simulate as expected. The JSON is written to the workflow
 * only while it parses, so a half-typed event never reaches the document.
 */
export function SamplesEditor() {
  const samples = useEditor((s) => s.samples);
  const readOnly = useEditor((s) => s.readOnly);
  const run = useEditor((s) => s.run);
  const write = (next: Samples, key: string) => run(setSamples, { samples: next }, { coalesce: key });
  const replace = (i: number, sample: Sample) =>
    write(
      samples.map((s, j) => (j === i ? sample : s)),
      `samples:${i}`,
    );

  return (
    <fieldset className="samples" data-testid="samples-editor">
      <legend>Sample events</legend>
      <p className="muted">
        Events reviewers simulate. A high-risk change needs at least one that simulates as expected.
      </p>
      {samples.map((sample, i) => (
        <SampleRow
          key={i}
          index={i}
          sample={sample}
          readOnly={readOnly}
          onChange={(s) => replace(i, s)}
          onRemove={() =>
            write(
              samples.filter((_, j) => j !== i),
              `samples:remove:${i}`,
            )
          }
        />
      ))}
      {!readOnly && (
        <button
          type="button"
          data-testid="add-sample"
          onClick={() => write([...samples, { name: `Sample ${samples.length + 1}`, event: {} }], 'samples:add')}
        >
          Add sample event
        </button>
      )}
    </fieldset>
  );
}

function SampleRow(props: {
  index: number;
  sample: Sample;
  readOnly: boolean;
  onChange(sample: Sample): void;
  onRemove(): void;
}) {
  const { index, sample, readOnly, onChange, onRemove } = props;
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(sample.event, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="sample-row" data-testid={`sample-${index}`}>
      <label>
        Name
        <input
          value={sample.name}
          readOnly={readOnly}
          required
          maxLength={120}
          onChange={(e) => onChange({ ...sample, name: e.target.value })}
          data-testid={`sample-name-${index}`}
        />
      </label>
      <label>
        Event (JSON)
        <textarea
          rows={6}
          value={text}
          readOnly={readOnly}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={`sample-event-${index}`}
          onChange={(e) => {
            setText(e.target.value);
            try {
              const event: Sample['event'] = JSON.parse(e.target.value);
              setError(null);
              onChange({ ...sample, event });
            } catch (err) {
              setError(err instanceof Error ? err.message : 'not valid JSON');
            }
          }}
        />
      </label>
      {error && (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      )}
      {!readOnly && (
        <button type="button" onClick={onRemove} aria-label={`Remove sample ${sample.name}`}>
          Remove
        </button>
      )}
    </div>
  );
}
