import type { SafetyPolicyView } from '@autonomic/api';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../../auth/store';
import { PageMessages } from '../shared/PageMessages';
import { deletePolicy, listPolicies, updatePolicy } from './api';
import { PolicyCard } from './PolicyCard';
import { PolicyForm } from './PolicyForm';
import './policies.css';

type Panel = { type: 'none' } | { type: 'new' } | { type: 'edit'; policy: SafetyPolicyView };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `/admin/policies`: the organisation's safety policies, the rules every version is checked
 * against in the editor, on the review page and at publish. Everyone reads them; admins
 * switch them on and off, edit, add and delete them (each change audited with a reason).
 */
export function PoliciesPage() {
  const canManage = useAuth((s) => s.user?.role) === 'admin';
  const [policies, setPolicies] = useState<SafetyPolicyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>({ type: 'none' });

  const load = useCallback(() => {
    listPolicies().then(
      (r) => setPolicies(r.policies),
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);
  useEffect(load, [load]);

  const done = (message: string) => {
    setStatus(message);
    setError(null);
    setPanel({ type: 'none' });
    load();
  };
  const toggle = async (p: SafetyPolicyView, enabled: boolean, reason: string) => {
    try {
      await updatePolicy(p.id, { enabled, reason });
      done(`${p.name} is ${enabled ? 'on' : 'off'}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const remove = async (p: SafetyPolicyView) => {
    try {
      await deletePolicy(p.id);
      done(`Deleted ${p.name}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="policies-title" className="policies-page">
      <h1 id="policies-title">Safety policies</h1>
      <p className="muted">
        Rules every version is checked against on its graph: in the editor as it is drawn, on the review page, and at
        publish. A version that breaks an enabled policy is published only when an admin waives that policy for it, with
        a reason.
      </p>
      {canManage ? (
        <button type="button" onClick={() => setPanel({ type: 'new' })} disabled={panel.type !== 'none'}>
          Add a policy
        </button>
      ) : (
        <p role="note" data-testid="admins-only">
          Only admins change safety policies.
        </p>
      )}
      <PageMessages status={status} error={error} />
      {canManage && panel.type !== 'none' && (
        <PolicyForm
          key={panel.type === 'edit' ? panel.policy.id : 'new'}
          {...(panel.type === 'edit' ? { policy: panel.policy } : {})}
          onSaved={(saved) => done(panel.type === 'edit' ? `Saved ${saved.name}.` : `Added ${saved.name}.`)}
          onCancel={() => setPanel({ type: 'none' })}
        />
      )}
      {policies === null ? (
        !error && <p aria-busy="true">Loading policies…</p>
      ) : (
        <ul className="policy-list">
          {policies.map((p) => (
            <PolicyCard
              key={p.id}
              policy={p}
              canManage={canManage}
              onToggle={(enabled, reason) => toggle(p, enabled, reason)}
              onEdit={() => setPanel({ type: 'edit', policy: p })}
              onDelete={() => remove(p)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
