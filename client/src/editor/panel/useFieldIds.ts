import { useId } from 'react';
import { pathKey, type Path } from './problems';
import { usePanel } from './PanelContext';

export interface FieldIds {
  inputId: string;
  helpId: string;
  problemId: string;
  /** The ids that describe the input: help, then problems when there are any. */
  describedBy: string;
  problems: readonly string[];
  invalid: boolean;
}

/** Ids tying a field's input to its help and problems (`aria-describedby`, `aria-invalid`). */
export function useFieldIds(path: Path, extraDescribedBy?: string): FieldIds {
  const id = useId();
  const problems = usePanel().problemsAt(pathKey(path));
  const helpId = `${id}-help`;
  const problemId = `${id}-problem`;
  const describedBy = [helpId, problems.length > 0 ? problemId : undefined, extraDescribedBy].filter(Boolean).join(' ');
  return { inputId: `${id}-input`, helpId, problemId, describedBy, problems, invalid: problems.length > 0 };
}
