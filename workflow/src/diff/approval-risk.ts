import type { z } from 'zod';
import type { Step } from '../document';
import { durationMs } from '../duration';
import { approval } from '../nodes/approval';

type ApprovalParams = z.infer<typeof approval.params>;

function paramsOf(step: Step | undefined): ApprovalParams | undefined {
  if (step?.type !== approval.type) return undefined;
  const parsed = approval.params.safeParse(step.params);
  return parsed.success ? parsed.data : undefined;
}

/** Everyone who can ever decide, escalation levels included, as `user:x` / `role:y`. */
function deciders(p: ApprovalParams): Set<string> {
  const all = [p.approvers, ...p.escalation.map((e) => e.approvers)];
  return new Set(all.flatMap((a) => [...a.users.map((u) => `user:${u}`), ...a.roles.map((r) => `role:${r}`)]));
}

/** The approval's guard is gone: the step was deleted or turned into something that is not an approval. */
export function removedApprovalReason(id: string, a: Step | undefined, b: Step | undefined): string | undefined {
  if (!paramsOf(a) || b?.type === approval.type) return undefined;
  const guarded = [...(a?.transitions['approved'] ?? [])].sort();
  if (guarded.length === 0) return undefined;
  const how = b ? `turns approval "${id}" into a ${b.type} step` : `removes approval "${id}"`;
  return `${capitalise(how)}, which guarded ${guarded.map((g) => `"${g}"`).join(', ')}.`;
}

/** Ways the change makes approval easier to obtain; empty when it does not. */
export function weakenedApprovalReasons(id: string, a: Step | undefined, b: Step | undefined): string[] {
  const before = paramsOf(a);
  const after = paramsOf(b);
  if (!before || !after) return [];
  const reasons: string[] = [];
  const name = `approval "${id}"`;
  if (after.quorum < before.quorum)
    reasons.push(`Lowers the quorum of ${name} from ${before.quorum} to ${after.quorum}.`);
  const was = deciders(before);
  const widened = [...deciders(after)].filter((d) => !was.has(d)).sort();
  if (widened.length > 0) reasons.push(`Lets more people decide ${name}: ${widened.join(', ')}.`);
  if (after.onTimeout === 'approved' && before.onTimeout !== 'approved')
    reasons.push(`Makes ${name} approve by itself when nobody answers in time.`);
  after.escalation.forEach((level, i) => {
    const old = before.escalation[i];
    if (old && durationMs(level.after) < durationMs(old.after))
      reasons.push(`Escalates ${name} to level ${i + 1} sooner: after ${level.after} instead of ${old.after}.`);
  });
  return reasons;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
