import type { WorkflowDiff } from '@autonomic/api';

const words = (step: string | null) => (step === null ? 'fail the run' : `continue at ${step}`);

/**
 * The change of the workflow's failure handler (`onFailure.continueAt`) between two
 * versions, in words; nothing when it did not change.
 */
export function FailureHandlerChange({ change }: { change: WorkflowDiff['onFailure'] }) {
  if (!change) return null;
  return (
    <p className="failure-handler-change" data-testid="diff-on-failure">
      <strong>When a step fails and nothing handles it:</strong> {words(change.after)} (was: {words(change.before)}).
    </p>
  );
}
