import { useMemo } from 'react';
import type { CompletionItem } from '../contracts';
import { ObjectBody } from './ObjectBody';
import { PanelContext, type PanelContextValue } from './PanelContext';
import { drawnPaths, placeProblems, type PanelProblem, type Path } from './problems';
import { propertiesOf, type JsonSchema } from './schema';
import './panel.css';

interface GeneratedFormProps {
  schema: JsonSchema;
  /** Where the value sits in the node, for problem paths: `['params']`, or `[]`. */
  base: Path;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  completions: readonly CompletionItem[];
  problems: readonly PanelProblem[];
  readOnly: boolean;
  /** Names the group for assistive technology: "HTTP request settings". */
  label: string;
  emptyText: string;
}

const NONE: readonly string[] = [];

/** A whole form generated from an object schema, with its problems placed under their fields. */
export function GeneratedForm(props: GeneratedFormProps) {
  const { schema, base, value, completions, problems, readOnly } = props;
  const drawn = useMemo(() => drawnPaths(schema, schema, value, base), [schema, value, base]);
  const placed = useMemo(() => placeProblems(problems, drawn, base), [problems, drawn, base]);
  const panel = useMemo<PanelContextValue>(
    () => ({ root: schema, completions, readOnly, problemsAt: (key) => placed.at.get(key) ?? NONE }),
    [schema, completions, readOnly, placed],
  );
  return (
    <PanelContext value={panel}>
      <div className="pf-form" role="group" aria-label={props.label}>
        {placed.general.length > 0 && (
          <div role="alert" className="pf-problem pf-general">
            {placed.general.map((m, i) => (
              <p key={i}>{m}</p>
            ))}
          </div>
        )}
        {propertiesOf(schema).length === 0 ? (
          <p className="pf-unset">{props.emptyText}</p>
        ) : (
          <ObjectBody schema={schema} value={value} onChange={props.onChange} path={base} />
        )}
      </div>
    </PanelContext>
  );
}
