import type { SafetyPolicyView } from '@autonomic/api';
import { PolicyRule } from '@autonomic/workflow';
import { useState, type FormEvent } from 'react';
import { createPolicy, updatePolicy } from './api';
import { FieldError, invalidProps } from './FieldError';
import { fieldErrorsOf, NO_ERRORS, unplaced, type FieldErrors } from './fieldErrors';
import { newRule, RuleFields, rulePaths } from './RuleFields';

const KINDS: { kind: PolicyRule['kind']; label: string }[] = [
  { kind: 'guarded', label: 'Guarded: every path to the steps passes a guard' },
  { kind: 'error-handled', label: 'Error handled: the steps’ error port is wired' },
  { kind: 'loop-limited', label: 'Loop limited: the steps inside a loop need a blast-radius limit' },
  { kind: 'http-hosts', label: 'HTTP hosts: HTTP calls go only to allowed hosts' },
];

/** The paths of the form's own fields (the rule's come from `rulePaths`). */
const OWN_PATHS = ['body.id', 'body.name', 'body.description', 'body.reason', 'body.rule', 'body.rule.kind'];

/**
 * Add a policy (id, name, description, kind, its rule) or edit one (with the reason the
 * change is audited with). The rule is edited in a form per kind or, for experts, as JSON.
 * The server's errors show at the field they name (`body.rule.guards.0.type`).
 */
export function PolicyForm({
  policy,
  onSaved,
  onCancel,
}: {
  /** The policy being edited; absent: a new one. */
  policy?: SafetyPolicyView;
  onSaved(saved: SafetyPolicyView): void;
  onCancel(): void;
}) {
  const [id, setId] = useState(policy?.id ?? '');
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [rule, setRule] = useState<PolicyRule>(policy?.rule ?? newRule('guarded'));
  const [reason, setReason] = useState('');
  const [json, setJson] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** The rule the JSON text says, or the reason it says none. */
  const fromJson = (text: string): { rule: PolicyRule } | { error: string } => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
    const parsed = PolicyRule.safeParse(value);
    if (parsed.success) return { rule: parsed.data };
    return { error: parsed.error.issues.map((i) => `${['rule', ...i.path].join('.')}: ${i.message}`).join('; ') };
  };
  const toForm = () => {
    if (json === null) return;
    const r = fromJson(json);
    if ('error' in r) setErrors(new Map([['body.rule', r.error]]));
    else {
      setRule(r.rule);
      setJson(null);
      setErrors(NO_ERRORS);
    }
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    let sent = rule;
    if (json !== null) {
      const r = fromJson(json);
      if ('error' in r) {
        setErrors(new Map([['body.rule', r.error]]));
        return;
      }
      sent = r.rule;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    setFailure(null);
    try {
      onSaved(
        policy
          ? await updatePolicy(policy.id, { name, description, rule: sent, reason })
          : await createPolicy({ id, name, description, rule: sent }),
      );
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const placed = new Set([...OWN_PATHS, ...(json === null ? rulePaths(rule) : [])]);
  // In the JSON view every error of the rule is listed under the text.
  const jsonErrors = json === null ? [] : [...errors].filter(([p]) => p.startsWith('body.rule'));
  const rest = unplaced(errors, new Set([...placed, ...jsonErrors.map(([p]) => p)]));
  return (
    <form className="policy-form" aria-label={policy ? `Edit ${policy.name}` : 'New safety policy'} onSubmit={submit}>
      {!policy && (
        <label>
          Id (lower-case letters, digits and dashes; fixed once added)
          <input value={id} required onChange={(e) => setId(e.target.value)} {...invalidProps(errors, 'body.id')} />
          <FieldError errors={errors} path="body.id" />
        </label>
      )}
      <label>
        Name
        <input value={name} required onChange={(e) => setName(e.target.value)} {...invalidProps(errors, 'body.name')} />
        <FieldError errors={errors} path="body.name" />
      </label>
      <label>
        Description
        <textarea
          value={description}
          rows={2}
          onChange={(e) => setDescription(e.target.value)}
          {...invalidProps(errors, 'body.description')}
        />
        <FieldError errors={errors} path="body.description" />
      </label>
      <label>
        Kind
        <select
          value={rule.kind}
          disabled={policy !== undefined || json !== null}
          onChange={(e) => setRule(newRule(e.target.value as PolicyRule['kind']))}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <FieldError errors={errors} path="body.rule.kind" />
      </label>
      <div className="rule-view-switch">
        {json === null ? (
          <button type="button" onClick={() => setJson(JSON.stringify(rule, null, 2))}>
            Edit the rule as JSON
          </button>
        ) : (
          <button type="button" onClick={toForm}>
            Back to the form
          </button>
        )}
      </div>
      {json === null ? (
        <>
          <FieldError errors={errors} path="body.rule" />
          <RuleFields rule={rule} onChange={setRule} errors={errors} />
        </>
      ) : (
        <label>
          Rule (JSON)
          <textarea
            className="rule-json"
            value={json}
            rows={12}
            spellCheck={false}
            onChange={(e) => setJson(e.target.value)}
            {...invalidProps(errors, 'body.rule')}
          />
          <FieldError errors={errors} path="body.rule" />
          {jsonErrors
            .filter(([p]) => p !== 'body.rule')
            .map(([p, m]) => (
              <span key={p} className="field-error" data-testid={`field-error-${p}`}>
                {p.slice('body.'.length)}: {m}
              </span>
            ))}
        </label>
      )}
      {policy && (
        <label>
          Why this change? (required, audited)
          <textarea
            value={reason}
            required
            rows={2}
            onChange={(e) => setReason(e.target.value)}
            {...invalidProps(errors, 'body.reason')}
          />
          <FieldError errors={errors} path="body.reason" />
        </label>
      )}
      {failure && (
        <div role="alert" className="error">
          {failure}
          {rest.length > 0 && (
            <ul>
              {rest.map(([p, m]) => (
                <li key={p}>
                  <code>{p}</code>: {m}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || (policy !== undefined && !reason.trim())}>
          {busy ? 'Saving…' : policy ? 'Save' : 'Add policy'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
