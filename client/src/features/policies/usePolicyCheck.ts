import type { PolicyCheckView, PolicyViolationView } from '@autonomic/api';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { shownViolation, type CanvasOverlay } from '../../editor';
import { blockedText } from './blocking';
import { getPolicyCheck } from './api';

export interface PolicyCheckState {
  check: PolicyCheckView | null;
  error: Error | null;
  /** Loads the check again. */
  reload(): void;
  /** Puts a fresh check in place (a waiver's answer). */
  replace(check: PolicyCheckView): void;
  /** Chooses the violation whose path is drawn (with its step selected). */
  focus(v: PolicyViolationView | null): void;
  /** The path to draw on the version's canvas, if any. */
  path: CanvasOverlay['path'];
  /** Why publishing is refused, or null. */
  blockedBy: string | null;
}

/**
 * A version's safety policy check for its review page: the violations with their waivers,
 * whether publishing is blocked, and the offending path to draw — the focused violation's
 * while its step is the selected one, else the selected step's first (as in the editor).
 */
export function usePolicyCheck(workflowId: string, number: number, selected: string | null): PolicyCheckState {
  const [check, setCheck] = useState<PolicyCheckView | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [focused, setFocused] = useState<PolicyViolationView | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!workflowId || !number) return undefined;
    let live = true;
    getPolicyCheck(workflowId, number).then(
      (c) => {
        if (!live) return;
        setCheck(c);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      live = false;
    };
  }, [workflowId, number, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  const byNode = useMemo(() => {
    const map = new Map<string, PolicyViolationView[]>();
    for (const v of check?.violations ?? []) map.set(v.nodeId, [...(map.get(v.nodeId) ?? []), v]);
    return map;
  }, [check]);
  const shown = shownViolation({
    selection: { nodes: selected ? [selected] : [] },
    focusedViolation: focused,
    violationsByNode: byNode,
  });
  const path = useMemo(
    () => (shown?.path && shown.path.length > 1 ? { nodes: shown.path, ports: shown.ports ?? [] } : undefined),
    [shown],
  );
  return { check, error, reload, replace: setCheck, focus: setFocused, path, blockedBy: blockedText(check) };
}
