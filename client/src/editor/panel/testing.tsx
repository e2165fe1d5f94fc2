import { useState } from 'react';
import type { ParamsFormProps } from '../contracts';
import { ParamsForm } from './ParamsForm';

/** A ParamsForm that keeps its own value, as the editor store would; `spy` sees every change. */
export function StatefulParamsForm(
  props: Omit<ParamsFormProps, 'onChange' | 'completions' | 'problems'> &
    Partial<Pick<ParamsFormProps, 'completions' | 'problems'>> & { spy?: (v: Record<string, unknown>) => void },
) {
  const [value, setValue] = useState(props.value);
  return (
    <ParamsForm
      nodeType={props.nodeType}
      value={value}
      onChange={(v) => {
        props.spy?.(v);
        setValue(v);
      }}
      completions={props.completions ?? []}
      problems={props.problems ?? []}
      readOnly={props.readOnly ?? false}
    />
  );
}
