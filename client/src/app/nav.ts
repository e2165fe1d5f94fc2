import type { Role } from '@autonomic/api';

export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['analyst', 'reviewer', 'manager', 'admin'];

/** Navigation by role: what each persona works with. */
export const NAV: readonly NavItem[] = [
  { to: '/workflows', label: 'Workflows', roles: ALL },
  { to: '/reviews', label: 'Reviews', roles: ['reviewer', 'admin', 'analyst'] },
  { to: '/runs', label: 'Runs', roles: ALL },
  { to: '/approvals', label: 'Approvals', roles: ALL },
  { to: '/connectors', label: 'Connectors', roles: ALL },
  { to: '/dashboard', label: 'Dashboard', roles: ['manager', 'admin', 'analyst', 'reviewer'] },
  { to: '/admin/safety', label: 'Safety lists', roles: ['admin'] },
  { to: '/admin/policies', label: 'Safety policies', roles: ALL },
  { to: '/admin/assets', label: 'Assets', roles: ALL },
  { to: '/admin/credentials', label: 'Credentials', roles: ['admin'] },
  { to: '/admin/users', label: 'Users and roles', roles: ['admin'] },
  { to: '/account/tokens', label: 'API tokens', roles: ALL },
  { to: '/admin/tokens', label: "Everyone's tokens", roles: ['admin'] },
  { to: '/admin/audit', label: 'Audit log', roles: ['manager', 'admin'] },
  { to: '/admin/connectors/import', label: 'Import from OpenAPI', roles: ['admin'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role));
}
