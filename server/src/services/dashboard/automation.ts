/**
 * Automation level per workflow, measured from its runs in the range (not declared):
 *
 * - `manual`: at least half of its runs were started by a person;
 * - `approval_gated`: otherwise, some run waited for an approval;
 * - `autonomous`: otherwise, some run took a destructive action with no approval;
 * - `automatic`: otherwise: triggered automatically, it looks things up and tells people
 *   (a person still acts on the outcome);
 * - null: no run in the range.
 */
import type { AutomationCounts, AutomationLevel } from '@autonomic/api';

export function automationLevel(
  c: Pick<AutomationCounts, 'runs' | 'manual' | 'gated' | 'autonomous'>,
): AutomationLevel | null {
  if (c.runs === 0) return null;
  if (c.manual * 2 >= c.runs) return 'manual';
  if (c.gated > 0) return 'approval_gated';
  if (c.autonomous > 0) return 'autonomous';
  return 'automatic';
}
