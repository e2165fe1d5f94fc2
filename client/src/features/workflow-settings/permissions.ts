/**
 * Who may change what on the settings page: the server's rules, so that a control is
 * shown only to those it would allow (the server still decides).
 */
import type { Role } from '@autonomic/api';

export interface Viewer {
  id: string;
  role: Role;
}

export interface Permissions {
  /** Kill switch: the owner analyst, reviewers and admins. */
  killSwitch: boolean;
  /** Blast-radius limits, baseline, auto-rollback and the webhook: the owner analyst and admins. */
  owner: boolean;
  /** The SLO: managers and admins. */
  slo: boolean;
}

export function permissionsOf(viewer: Viewer | null, ownerId: string): Permissions {
  if (!viewer) return { killSwitch: false, owner: false, slo: false };
  const admin = viewer.role === 'admin';
  const owner = admin || (viewer.role === 'analyst' && viewer.id === ownerId);
  return { killSwitch: owner || viewer.role === 'reviewer', owner, slo: admin || viewer.role === 'manager' };
}
