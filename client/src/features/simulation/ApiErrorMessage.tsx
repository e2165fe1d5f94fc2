import { problemList, problemWords } from '../../api/problems';

/**
 * A server refusal in words: its message, then every field at fault named in words (e.g. a
 * version's problems). Codes and field paths are for programs and are not shown.
 */
export function ApiErrorMessage({ error }: { error: Error }) {
  const headline = problemWords(error);
  // A refusal about one field has that field's sentence as its headline: not said twice.
  const list = problemList(error);
  const details = list.length === 1 && list[0] === headline ? [] : list;
  return (
    <div role="alert" className="api-error" data-testid="api-error">
      <strong>{headline}</strong>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
