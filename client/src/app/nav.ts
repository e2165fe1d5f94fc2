import type { Role } from '@autonomic/api';

/** Where a link lives in the top bar: inline, in the "Admin"/"More pages" menu, or in the account menu. */
export type NavGroup = 'primary' | 'more' | 'account';

export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
  group: NavGroup;
}

const ALL: readonly Role[] = ['analyst', 'reviewer', 'manager', 'admin'];

/**
 * Navigation by role: what each persona works with. The daily pages stay inline; settings
 * and administration sit behind one menu so the bar never wraps at 1280 px.
 */
export const NAV: readonly NavItem[] = [
  { to: '/workflows', label: 'Workflows', roles: ALL, group: 'primary' },
  { to: '/reviews', label: 'Reviews', roles: ['reviewer', 'admin', 'analyst'], group: 'primary' },
  { to: '/runs', label: 'Runs', roles: ALL, group: 'primary' },
  { to: '/approvals', label: 'Approvals', roles: ALL, group: 'primary' },
  { to: '/dashboard', label: 'Dashboard', roles: ['manager', 'admin', 'analyst', 'reviewer'], group: 'primary' },
  { to: '/connectors', label: 'Connectors', roles: ALL, group: 'primary' },
  { to: '/admin/safety', label: 'Safety lists', roles: ['admin'], group: 'more' },
  { to: '/admin/policies', label: 'Safety policies', roles: ALL, group: 'more' },
  { to: '/admin/assets', label: 'Assets', roles: ALL, group: 'more' },
  { to: '/admin/credentials', label: 'Credentials', roles: ['admin'], group: 'more' },
  { to: '/admin/users', label: 'Users and roles', roles: ['admin'], group: 'more' },
  { to: '/admin/tokens', label: "Everyone's tokens", roles: ['admin'], group: 'more' },
  { to: '/admin/audit', label: 'Audit log', roles: ['manager', 'admin'], group: 'more' },
  { to: '/admin/connectors/import', label: 'Import from OpenAPI', roles: ['admin'], group: 'more' },
  { to: '/account', label: 'Account', roles: ALL, group: 'account' },
  { to: '/account/tokens', label: 'API tokens', roles: ALL, group: 'account' },
];

export function navFor(role: Role, group?: NavGroup): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role) && (!group || n.group === group));
}

/** The name of the menu of settings pages: admins administer, everyone else gets "More pages". */
export const moreMenuLabel = (role: Role): string => (role === 'admin' ? 'Admin' : 'More pages');
