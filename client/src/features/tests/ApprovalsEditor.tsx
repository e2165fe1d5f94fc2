import { without, type ApprovalDraft, type ApprovalStepOption } from './caseDraft';

type Approvals = Record<string, ApprovalDraft>;
type Decision = ApprovalDraft['decision'];

const DECISIONS: readonly { value: Decision; label: string }[] = [
  { value: 'approved', label: 'approved' },
  { value: 'rejected', label: 'rejected' },
  { value: 'timeout', label: 'timed out (nobody decides)' },
];

/**
 * How each approval step is decided in the case: at once by its approvers (the default
 * when unlisted), approved or rejected only after escalation level N (break glass when
 * that level is), or nobody decides and the deadline passes.
 */
export function ApprovalsEditor(props: {
  approvals: Approvals;
  steps: readonly ApprovalStepOption[];
  readOnly: boolean;
  onChange(approvals: Approvals): void;
}) {
  const { approvals, steps, readOnly, onChange } = props;
  if (steps.length === 0) return null;
  return (
    <fieldset className="case-section" data-testid="case-approvals">
      <legend>How approvals are decided</legend>
      {steps.map((s) => {
        const a = approvals[s.id];
        const level = a?.level ?? 0;
        return (
          <div key={s.id} className="case-item" data-testid={`approval-${s.id}`}>
            <div className="case-row-fields">
              <label>
                {s.label} <code>{s.id}</code>
                <select
                  value={a?.decision ?? ''}
                  disabled={readOnly}
                  data-testid={`approval-${s.id}-decision`}
                  onChange={(e) => {
                    const decision = DECISIONS.find((d) => d.value === e.target.value)?.value;
                    if (!decision) onChange(without(approvals, s.id));
                    else onChange({ ...approvals, [s.id]: { decision, level: decision === 'timeout' ? 0 : level } });
                  }}
                >
                  <option value="">approved at once (default)</option>
                  {DECISIONS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </label>
              {a && a.decision !== 'timeout' && s.levels.length > 0 && (
                <label>
                  Decided
                  <select
                    value={level}
                    disabled={readOnly}
                    data-testid={`approval-${s.id}-level`}
                    onChange={(e) => onChange({ ...approvals, [s.id]: { ...a, level: Number(e.target.value) } })}
                  >
                    <option value={0}>by the first approvers</option>
                    {s.levels.map((l) => (
                      <option key={l.level} value={l.level}>
                        after escalation level {l.level}: {l.label}
                        {l.breakGlass ? ' (break glass)' : ''}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
