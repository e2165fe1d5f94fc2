import type { OpenApiImportResult } from '@autonomic/api';
import { openApiPlace } from './openApiPlace';

/**
 * The submitted version's state and the conversion report. A version with a destructive
 * action waits for another person (a reviewer or another admin, never the one who imported
 * it) before workflows can use it; the others are installed at once.
 */
export function ImportResult({ result }: { result: OpenApiImportResult }) {
  const { version, definition, report } = result;
  const pending = version.status === 'pending_review';
  return (
    <section aria-label="Import result" data-testid="import-result">
      <p role="status" className={pending ? undefined : 'ok'}>
        {definition.name} {version.version} ({version.connectorId}){' '}
        {pending ? 'is awaiting review.' : version.status === 'installed' ? 'is installed.' : `is ${version.status}.`}
      </p>
      {pending && (
        <p data-testid="who-reviews">
          Its destructive actions ({version.destructiveActions.join(', ')}) need a second person: a reviewer or another
          admin — not you — must approve {version.connectorId} {version.version} before workflows can use it.
        </p>
      )}
      {!pending && version.status === 'installed' && (
        <p>Create a credential for it on the credentials page, then playbooks can use its actions.</p>
      )}
      <table className="cred-table">
        <caption>Conversion report</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Operation</th>
            <th scope="col">Effect</th>
            <th scope="col">Approximated or not mapped</th>
          </tr>
        </thead>
        <tbody>
          {report.actions.map((a) => (
            <tr key={a.actionId} data-testid={`report-${a.actionId}`}>
              <th scope="row">{a.actionId}</th>
              <td>{a.key}</td>
              <td>{a.effect}</td>
              <td>{a.notes.length === 0 ? 'nothing' : a.notes.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problems.length > 0 && (
        <ul aria-label="Problems of the document" className="import-notes">
          {report.problems.map((p) => (
            <li key={`${p.path} ${p.message}`}>
              {openApiPlace(p.path)}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
