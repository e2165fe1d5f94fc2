import { useId } from 'react';
import { updateStepSettings } from '../commands';
import { useEditor } from '../store/context';
import type { NodeData } from '../types';
import { JsonTextField } from './JsonTextField';

/** A step's timeout and retry policy (data the compiler validates like any param). */
export function StepSettingsFields({ id, data }: { id: string; data: NodeData }) {
  const run = useEditor((s) => s.run);
  const readOnly = useEditor((s) => s.readOnly);
  const timeoutId = useId();
  return (
    <fieldset>
      <legend>Step settings</legend>
      <label htmlFor={timeoutId}>
        Timeout per attempt
        <input
          id={timeoutId}
          value={data.timeout ?? ''}
          placeholder="e.g. 30s, 5m (empty: none)"
          readOnly={readOnly}
          onChange={(e) =>
            run(
              updateStepSettings,
              { id, timeout: e.target.value === '' ? null : e.target.value },
              { coalesce: `timeout:${id}` },
            )
          }
        />
      </label>
      <JsonTextField
        label="Retry policy (JSON)"
        help='e.g. { "maxAttempts": 3 }; empty: no retry'
        value={data.retry}
        readOnly={readOnly}
        onCommit={(retry) => run(updateStepSettings, { id, retry })}
      />
    </fieldset>
  );
}
