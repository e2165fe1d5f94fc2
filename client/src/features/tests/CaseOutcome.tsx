import type { CaseResult } from '@autonomic/api';
import { verdictClass, type CaseVerdict } from './verdict';

const WORDS: Record<CaseVerdict, string> = {
  passed: 'passed',
  failed: 'failed',
  'not run': 'not run',
  stale: 'stale',
  pending: 'running',
};

/** A case's verdict as a badge; a pass that relied on made-up answers says so. */
export function CaseBadge({ verdict, result }: { verdict: CaseVerdict; result?: CaseResult | undefined }) {
  const warned = verdict === 'passed' && (result?.warnings.length ?? 0) > 0;
  return (
    <span className={warned ? 'badge badge-waiting' : verdictClass(verdict)} data-testid="case-verdict">
      {WORDS[verdict]}
      {warned ? ' with warnings' : ''}
    </span>
  );
}

/** Under a case: its first failed assertion (or why it could not run) and its warnings. */
export function CaseDetail({ name, result }: { name: string; result?: CaseResult | undefined }) {
  if (!result) return null;
  return (
    <>
      {result.firstFailure && (
        <p className="case-failure" data-testid="case-first-failure">
          {result.firstFailure}
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul className="check-warnings" aria-label={`Warnings of “${name}”`}>
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}
