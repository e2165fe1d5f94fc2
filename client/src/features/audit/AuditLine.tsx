import { redactAuditDetails, type AuditEvent } from '@autonomic/api';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { actionInWords, actorInWords, targetHref, targetTypeInWords } from './words';

const hasDetails = (d: unknown) => typeof d === 'object' && d !== null && Object.keys(d).length > 0;

/**
 * One line of the audit log: when, who, what, on which target (linked when the app shows
 * it) and its details on demand. Details are redacted again here: a secret-named key never
 * shows its value, whatever the server sent.
 */
export function AuditLine({ line }: { line: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const href = targetHref(line);
  const target = `${targetTypeInWords(line.targetType)} ${line.targetId}`;
  const expandable = hasDetails(line.details) || line.beforeHash !== null || line.afterHash !== null;

  return (
    <>
      <tr data-testid={`audit-line-${line.id}`}>
        <td>
          <time dateTime={line.createdAt} title={line.createdAt}>
            {new Date(line.createdAt).toLocaleString()}
          </time>
        </td>
        <td title={line.actor}>{actorInWords(line.actor)}</td>
        <td title={line.action}>{actionInWords(line.action)}</td>
        <td className="audit-target">{href ? <Link to={href}>{target}</Link> : target}</td>
        <td>
          {expandable ? (
            <button type="button" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
              {open ? 'Hide details' : 'Details'}
            </button>
          ) : (
            <span className="muted">none</span>
          )}
        </td>
      </tr>
      {open && (
        <tr className="audit-details-row">
          <td colSpan={5} id={detailsId}>
            {(line.beforeHash || line.afterHash) && (
              <p className="muted">
                {line.beforeHash && <>Before: {line.beforeHash} </>}
                {line.afterHash && <>After: {line.afterHash}</>}
              </p>
            )}
            <pre className="audit-details" data-testid="audit-details">
              {JSON.stringify(redactAuditDetails(line.details), null, 2)}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}
