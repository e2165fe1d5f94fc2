/** Tests only: a workflow list row with plain values, published at version 1, never run. */
import type { WorkflowListItem } from '@autonomic/api';

/** Row `n` (1–9) of the list: its id ends in `n`, its slug is its name in lower case with dashes. */
export const workflowListItem = (n: number, name: string): WorkflowListItem => ({
  id: `0190a000-0000-7000-8000-00000000000${n}`,
  slug: name.toLowerCase().replace(/ /g, '-'),
  name,
  owner: { id: '0190a000-0000-7000-8000-00000000a11c', username: 'alice', displayName: 'Alice' },
  tags: [],
  severity: null,
  killSwitch: false,
  createdAt: '2026-11-20T10:00:00.000Z',
  publishedVersion: 1,
  latestVersion: { number: 1, status: 'published', savedAt: '2026-11-20T10:00:00.000Z' },
  lastRun: null,
});
