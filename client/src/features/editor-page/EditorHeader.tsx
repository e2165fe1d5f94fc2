import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/store';
import { useEditor } from '../../editor';
import { MAY_RUN } from '../run-now/mayRun';
import { StatusBadge } from '../workflows/StatusBadge';
import { MoreMenu } from './MoreMenu';
import { COMPACT_EDITOR, useMediaQuery } from './useMediaQuery';
import type { VersionSummary } from '@autonomic/api';

/** Name, version, status, problems and the actions on the version. */
export function EditorHeader({
  workflowId,
  version,
  readOnly,
  saveMessage,
  onSave,
  onDetails,
  testsButton,
}: {
  workflowId: string | null;
  version: VersionSummary | null;
  readOnly: boolean;
  saveMessage: string | null;
  onSave(): void;
  onDetails(): void;
  /** The Tests panel's toggle, with the cases' count and state. */
  testsButton?: ReactNode;
}) {
  const name = useEditor((s) => s.metadata.name);
  const problems = useEditor((s) => s.problems.length);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const role = useAuth((s) => s.user?.role) ?? '';
  const mayRun = MAY_RUN.has(role);
  // A narrow window keeps the header on one line: the secondary actions go into "More".
  const compact = useMediaQuery(COMPACT_EDITOR);
  // Only authors (analysts) and admins ever ask for a review: the others are not shown the button.
  const mayRequestReview = role === 'analyst' || role === 'admin';
  // A saved version with nothing changed since: saving would store the same content again.
  const unchanged = version !== null && !dirty;
  const base = workflowId && version ? `/workflows/${workflowId}/versions/${version.number}` : null;
  const reviewBlock =
    !base || !version
      ? 'Save the workflow first.'
      : dirty
        ? 'Save your changes first: a review is of a saved version.'
        : problems > 0
          ? `Fix the ${problems} problem${problems === 1 ? '' : 's'} first.`
          : version.status !== 'draft'
            ? `v${version.number} is ${version.status.replace('_', ' ')}.`
            : null;
  // Details, History and Run now: inline on a wide window, in "More" on a narrow one.
  const secondary = (
    <>
      <button type="button" onClick={onDetails} data-testid="open-metadata">
        Details
      </button>
      {workflowId && <Link to={`/workflows/${workflowId}/versions`}>History</Link>}
      {workflowId && (
        <Link to={`/workflows/${workflowId}/settings`} data-testid="settings-link">
          Settings
        </Link>
      )}
      {workflowId && mayRun && (
        <Link className="button" to={`/workflows/${workflowId}/run`} data-testid="run-now-link">
          Run now
        </Link>
      )}
    </>
  );
  return (
    <header className="editor-header">
      <div className="editor-title">
        <h1 title={name || 'Untitled workflow'}>{name || 'Untitled workflow'}</h1>
        {version ? (
          <span data-testid="editor-version">
            v{version.number} <StatusBadge status={version.status} />
          </span>
        ) : (
          <span className="muted">not saved yet</span>
        )}
        <span className={`badge ${problems ? 'badge-danger' : 'badge-published'}`} data-testid="problem-count">
          {problems} problem{problems === 1 ? '' : 's'}
        </span>
        {dirty && !readOnly && <span className="badge badge-in_review">unsaved changes</span>}
        <span role="status" className="save-result" data-testid="save-result">
          {saveMessage}
        </span>
      </div>
      <div className="editor-actions">
        {!compact && secondary}
        {testsButton}
        {!readOnly && (
          <button
            type="button"
            className="primary"
            onClick={onSave}
            disabled={unchanged}
            title={unchanged && version ? `Nothing changed since v${version.number}` : undefined}
            data-testid="save-version"
          >
            Save
          </button>
        )}
        {base && (
          <Link className="button" to={`${base}/simulate`} data-testid="simulate-link">
            Simulate
          </Link>
        )}
        {mayRequestReview &&
          (reviewBlock ? (
            <span className="review-blocked">
              <button type="button" disabled aria-describedby="review-reason" data-testid="request-review">
                Request review
              </button>
              <span id="review-reason" className="muted" title={reviewBlock}>
                {reviewBlock}
              </span>
            </span>
          ) : (
            <Link className="button" to={`${base}/review`} data-testid="request-review">
              Request review
            </Link>
          ))}
        {compact && <MoreMenu>{secondary}</MoreMenu>}
      </div>
    </header>
  );
}
