import type { CommentThread } from '@autonomic/api';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/store';
import { ReplaySection } from '../replays/ReplaySection';
import { DiffView } from '../versions/DiffView';
import { RiskBanner } from '../versions/RiskBanner';
import { usePolicyCheck } from '../policies/usePolicyCheck';
import { useAsync } from '../versions/useAsync';
import { StatusBadge } from '../versions/VersionStatusBadge';
import { addComment, listComments } from './api';
import { CommentThreads } from './CommentThreads';
import { Decisions } from './Decisions';
import { PolicyPanel } from './PolicyPanel';
import { PublishButton } from './PublishButton';
import { ReviewDecision } from './ReviewDecision';
import { ReviewTests } from './ReviewTests';
import { SafetyPolicyChecks } from './SafetyPolicyChecks';
import { useCommentMarkers } from './useCommentMarkers';
import { useReviewData } from './useReviewData';
import '../simulation/simulation.css';
import '../versions/versions.css';
import './review.css';

const NO_THREADS: CommentThread[] = [];

/**
 * `/reviews/:id`: the diff against the published version with its risk, the test cases
 * and their coverage, comment threads on nodes (a marker with their count on each node), the decision (never for the author) and publish.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const me = useAuth((s) => s.user);
  const data = useReviewData(id);
  const [selected, setSelected] = useState<string | null>(null);
  const d = data.data;
  const wid = d?.review.workflow.id ?? '';
  const number = d?.review.version.number ?? 0;
  const comments = useAsync(
    () => (d ? listComments(wid, number) : Promise.resolve({ threads: [] })),
    `${wid}|${number}`,
  );
  const policies = usePolicyCheck(wid, number, selected);
  const threads = comments.data?.threads ?? NO_THREADS;
  const markers = useCommentMarkers(threads, setSelected);

  if (data.error) return <p role="alert">{data.error.message}</p>;
  if (!d || !me) return <p aria-busy="true">Loading…</p>;

  const { review, workflow } = d;
  const isAuthor = review.version.author.id === me.id;
  // Only the reviewers the author named decide; an admin may step in, saying why.
  const isNamed = review.requestedReviewerIds.includes(me.id);
  const overrides = !isNamed && me.role === 'admin';
  const canDecide = (isNamed || overrides) && !isAuthor && review.status === 'open';
  const canComment = me.role !== 'manager';
  const mayPublish = me.role === 'admin' || workflow.ownerId === me.id || review.approvedBy.includes(me.id);
  const names = (uid: string) =>
    review.decisions.find((x) => x.reviewerId === uid)?.reviewer.displayName ?? uid.slice(0, 8);
  const post = async (body: string, parentId?: string, nodeId?: string | null) => {
    await addComment(wid, number, {
      body,
      ...(parentId ? { parentId } : {}),
      ...(nodeId && !parentId ? { nodeId } : {}),
    });
    comments.reload();
  };
  const nodeThreads = new Set(threads.flatMap((t) => (t.nodeId ? [t.nodeId] : [])));

  return (
    <section aria-labelledby="review-title" data-testid="review-page">
      <div className="page-head">
        <h1 id="review-title">
          Review: {review.workflow.name} v{number} <StatusBadge status={review.version.status} />
        </h1>
        <div className="actions">
          <Link to={`/workflows/${wid}/versions/${number}`}>Open read-only</Link>
          <Link to={`/workflows/${wid}/versions/${number}/simulate`}>Simulate</Link>
          <Link to={`/workflows/${wid}/versions`}>Versions</Link>
        </div>
      </div>
      <p className="muted">
        By {review.version.author.displayName}
        {review.version.changeNote ? ` — “${review.version.changeNote}”` : ''} · compared with{' '}
        {review.against
          ? review.against.number === number
            ? 'itself (it is the published version now)'
            : `published v${review.against.number}`
          : 'nothing (first version)'}{' '}
        · review <StatusBadge status={review.status} />
        {isAuthor && ' · you are the author: someone else decides'}
      </p>
      {nodeThreads.size > 0 && (
        <p className="muted">
          Nodes with comments:{' '}
          {[...nodeThreads].map((n) => (
            <button key={n} type="button" className="linklike" onClick={() => setSelected(n)}>
              {n}
            </button>
          ))}
        </p>
      )}
      {review.diff ? (
        <DiffView
          diff={review.diff}
          fromGraph={d.fromGraph}
          toGraph={d.toGraph}
          selectedNodeId={selected}
          onSelectNode={setSelected}
          path={policies.path}
          markers={markers}
          nodeAside={
            selected && (
              <CommentThreads
                threads={threads}
                nodeId={selected}
                canComment={canComment}
                onPost={(b, p) => post(b, p, selected)}
              />
            )
          }
        />
      ) : (
        <RiskBanner risk={review.risk} reasons={[]} />
      )}
      <SafetyPolicyChecks
        workflowId={wid}
        number={number}
        state={policies}
        isAdmin={me.role === 'admin'}
        selectedNodeId={selected}
        onSelectNode={setSelected}
        graph={review.diff ? null : d.toGraph}
      />
      <div className="review-grid">
        <div className="decision-bar">
          <PolicyPanel policy={review.policy} names={names} />
          {canDecide && (
            <ReviewDecision
              review={review}
              meId={me.id}
              nodeId={selected}
              needsReason={overrides}
              onDecided={() => data.reload()}
            />
          )}
          {review.version.status === 'approved' && mayPublish && (
            <PublishButton
              workflowId={wid}
              number={number}
              onPublished={() => data.reload()}
              blockedBy={policies.blockedBy}
              change={{
                workflowName: review.workflow.name,
                replaces: workflow.published?.number ?? null,
                risk: review.risk,
                reasons: review.diff?.riskReasons ?? [],
                destructive: review.policy.destructive,
              }}
            />
          )}
          <Decisions decisions={review.decisions} contentHash={review.version.contentHash} />
        </div>
        <div className="decision-bar">
          <section className="panel">
            <CommentThreads
              threads={threads}
              nodeId={null}
              canComment={canComment}
              onPost={(b, p) => post(b, p, null)}
            />
          </section>
        </div>
      </div>
      <ReviewTests
        workflowId={wid}
        number={number}
        contentHash={review.version.contentHash}
        tests={review.policy.tests}
        destructive={review.policy.destructive}
        canRun={me.role !== 'manager'}
        onDone={() => data.reload()}
      />
      <ReplaySection
        workflowId={wid}
        number={number}
        publishedNumber={workflow.published?.number ?? null}
        role={me.role}
        graph={d.toGraph}
      />
    </section>
  );
}
