import type { SafetyPolicyView } from '@autonomic/api';
import { useEffect, useState } from 'react';
import type { EditorStore } from '../../editor';
import { listPolicies } from './api';

/**
 * Loads the organisation's safety policies once per editor and hands them to its store,
 * with the workflow's blast-radius limit they read: from then on every validation checks
 * the draft against them. A failed load leaves the draft unchecked here; the review page
 * and publish check it again on the server.
 */
export function useEditorPolicies(store: EditorStore, maxDestructivePerRun: number | null): void {
  const [policies, setPolicies] = useState<SafetyPolicyView[] | null>(null);
  useEffect(() => {
    let live = true;
    listPolicies().then(
      (r) => {
        if (live) setPolicies(r.policies);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [store]);
  useEffect(() => {
    if (policies) store.getState().setPolicies({ policies, context: { maxDestructivePerRun } });
  }, [store, policies, maxDestructivePerRun]);
}
