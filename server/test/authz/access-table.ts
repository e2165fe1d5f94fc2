/**
 * Who may call each API route, decided once per route: adding a route without a row here
 * fails routes.test.ts. The rows are the route-level rule (`access` in the route file);
 * finer rules (owner, author, assigned approver) live in the services and are tested there
 * and in ownership.test.ts.
 *
 * The role model (issue): analyst — own drafts, simulate, start published runs; reviewer —
 * review and approve others' versions, simulate; manager — read all, dashboards; admin —
 * all, users, safety lists.
 */
import { ROLES, type Role } from '@autonomic/api';

/** `public`: no sign-in at all; otherwise the roles that pass the route's access check. */
export type Allowed = 'public' | readonly Role[];

/** Every signed-in role (`access: 'authenticated'`). */
const ANY = ROLES;
const ADMIN = ['admin'] as const;
/** Everyone but the read-only manager. */
const ACTORS = ['analyst', 'reviewer', 'admin'] as const;
/** Who owns and edits workflows: analysts (their own) and admins. */
const AUTHORS = ['analyst', 'admin'] as const;

export const ACCESS_TABLE: Readonly<Record<string, Allowed>> = {
  // Auth: signing in and out needs no session; the rest is about oneself.
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/me': ANY,
  'POST /auth/password': ANY,
  // Users: the directory (to pick reviewers) is everyone's; administration is the admin's.
  'GET /users/directory': ANY,
  'GET /users': ADMIN,
  'POST /users': ADMIN,
  'PATCH /users/:id': ADMIN,
  // API tokens: one's own.
  'POST /tokens': ANY,
  'GET /tokens': ANY,
  'GET /tokens/all': ADMIN,
  'DELETE /tokens/:id': ANY,
  // Workflows and versions: everyone reads; only analysts (and admins) create.
  'POST /workflows': AUTHORS,
  'GET /workflows': ANY,
  'GET /workflows/:id': ANY,
  'GET /workflows/:id/versions': ANY,
  'GET /workflows/:id/versions/:number': ANY,
  'GET /workflows/:id/diff': ANY,
  // CACAO 2.0 (issue 17): an import makes a draft (authors); every signed-in role may export a version.
  'POST /workflows/import/cacao': AUTHORS,
  'GET /workflows/:id/versions/:number/export/cacao': ANY,
  // Workflow files of our own (issue 17 §5): an import makes a draft (authors); everyone signed in exports.
  'POST /workflows/import': AUTHORS,
  'GET /workflows/:id/versions/:number/export': ANY,
  // Template library (issue 17 §6): everyone sees it; a template becomes a draft of a new workflow (authors).
  'GET /templates': ANY,
  'POST /templates/:id/instantiate': AUTHORS,
  // Layout over the latest version (moves make no version): everyone reads, the owner or an admin writes.
  'GET /workflows/:id/layout': ANY,
  'PUT /workflows/:id/layout': AUTHORS,
  // Writes on an existing workflow: the route admits every role, the service admits the
  // owner or an admin (kill switch: also reviewers; publish: also an approving reviewer).
  'PATCH /workflows/:id/settings': ACTORS,
  // Loosening settings changes (issue 14 §6): everyone reads; a reviewer or admin, never the requester, decides.
  'GET /workflows/:id/settings-changes': ANY,
  'GET /workflows/:id/kill-switch': ANY,
  'POST /workflows/:id/settings-changes/:changeId/decision': ['reviewer', 'admin'],
  'POST /workflows/:id/versions': AUTHORS,
  'POST /workflows/:id/versions/:number/publish': ACTORS,
  'POST /workflows/:id/rollback': ACTORS,
  'POST /workflows/:id/versions/:number/review': AUTHORS,
  // A connector upgrade saves a new draft: who saves versions (the service: the owner or an admin).
  'POST /workflows/:id/connector-upgrade': AUTHORS,
  // Review: only reviewers (and admins) decide; the service refuses one's own version.
  'POST /reviews/:reviewId/decisions': ['reviewer', 'admin'],
  'GET /reviews': ANY,
  'GET /reviews/:reviewId': ANY,
  'GET /workflows/:id/versions/:number/comments': ANY,
  'POST /workflows/:id/versions/:number/comments': ACTORS,
  'PATCH /workflows/:id/versions/:number/comments/:commentId': ACTORS,
  // Simulation sends nothing anywhere, but stores a simulation run: managers may too.
  'POST /workflows/:id/versions/:number/simulate': ACTORS,
  // Test runs are simulations too: read and asked for again by the same people.
  'GET /workflows/:id/versions/:number/tests': ACTORS,
  'POST /workflows/:id/versions/:number/tests': ACTORS,
  // Replays and shadows (issue 15): simulations on real events, nothing sent; everyone reads, actors start and stop.
  'POST /workflows/:id/versions/:number/replays': ACTORS,
  'GET /workflows/:id/versions/:number/replays': ANY,
  'GET /workflows/:id/replays/:replayId': ANY,
  'PUT /workflows/:id/versions/:number/shadow': ACTORS,
  'DELETE /workflows/:id/versions/:number/shadow': ACTORS,
  // Runs: everyone reads (SOC transparency); live runs are started and cancelled by actors.
  'POST /workflows/:id/runs': AUTHORS,
  'GET /runs': ANY,
  'GET /runs/events': ANY,
  'GET /runs/:id': ANY,
  'GET /runs/:id/events': ANY,
  'POST /runs/:id/cancel': ACTORS,
  'POST /runs/:id/rerun': AUTHORS,
  // Run-time approvals: the workflow names its approvers (users or roles, managers included).
  'GET /approvals': ANY,
  'GET /approvals/:taskId': ANY,
  'POST /approvals/:taskId/decision': ANY,
  // Signed approval links: the signed token (and, unless APPROVAL_LINKS_SIGNED_ONLY, a session) is the credential.
  'GET /approval-links/:token': 'public',
  'POST /approval-links/:token': 'public',
  // Triggers: the HMAC signature is the webhook's credential; secrets: owner or admin (service).
  'POST /hooks/:workflowId': 'public',
  'GET /workflows/:id/webhook': ANY,
  'POST /workflows/:id/webhook-secret': AUTHORS,
  'DELETE /workflows/:id/webhook-secret': AUTHORS,
  'GET /workflows/:id/trigger': ANY,
  'POST /workflows/:id/webhook-test': AUTHORS,
  // Safety lists: everyone reads what is protected; only admins change them.
  'GET /safety/entries': ANY,
  'GET /safety/entries/export': ANY,
  'POST /safety/entries/import': ADMIN,
  'POST /safety/entries': ADMIN,
  'PATCH /safety/entries/:id': ADMIN,
  'DELETE /safety/entries/:id': ADMIN,
  // The asset inventory (issue 14): everyone reads and looks up; admins change and import.
  'GET /assets': ANY,
  'POST /assets/lookup': ANY,
  'GET /assets/export': ANY,
  'POST /assets/import': ADMIN,
  'POST /assets': ADMIN,
  'PATCH /assets/:id': ADMIN,
  'DELETE /assets/:id': ADMIN,
  // Safety policies (issue 15 §2): everyone reads them and a version's check; admins change and waive them.
  'GET /safety-policies': ANY,
  'POST /safety-policies': ADMIN,
  'PATCH /safety-policies/:policyId': ADMIN,
  'DELETE /safety-policies/:policyId': ADMIN,
  'GET /workflows/:id/versions/:number/policy-check': ANY,
  'POST /workflows/:id/versions/:number/policy-waivers': ADMIN,
  // Connector secrets: admins only, names only.
  'GET /secrets': ADMIN,
  // Secret names only (the editor's pick-list for an HTTP step's auth): everyone signed in.
  'GET /secrets/names': ANY,
  'PUT /secrets/:name': ADMIN,
  'DELETE /secrets/:name': ADMIN,
  // Connectors: definitions hold no secrets; everyone signed in reads them to build playbooks.
  'GET /connectors': ANY,
  'GET /connectors/:id': ANY,
  // Connector health (dashboard panel): probes, drift counts, affected workflows; no secrets.
  'GET /connectors/health': ANY,
  // Where each connector version is used: workflows are everyone's to read.
  'GET /connectors/:id/usages': ANY,
  // Custom connectors: admins add and remove versions; reviewers (and admins) review the
  // destructive ones, never their own (the service refuses the one who added it).
  'POST /connectors': ADMIN,
  'POST /connectors/:id/versions/:version/approve': ['reviewer', 'admin'],
  'POST /connectors/:id/versions/:version/reject': ['reviewer', 'admin'],
  'DELETE /connectors/:id/versions/:version': ADMIN,
  // OpenAPI import: admins read a vendor's document and submit a version from it (as POST /connectors).
  'POST /connectors/openapi/preview': ADMIN,
  'POST /connectors/openapi/import': ADMIN,
  // Connector drift: samples are masked shapes, so everyone signed in reads them; admins
  // acknowledge (after fixing the definition).
  'GET /connectors/drift': ANY,
  'POST /connectors/drift/:id/acknowledge': ADMIN,
  // Connector credentials: everyone signed in lists them (names, connector, mode: editors'
  // pick-lists; never a value); only admins create, change, test, rotate and delete them.
  'GET /credentials': ANY,
  'POST /credentials': ADMIN,
  'PATCH /credentials/:name': ADMIN,
  'DELETE /credentials/:name': ADMIN,
  'POST /credentials/:name/test': ADMIN,
  'POST /credentials/:name/rotate': ADMIN,
  // A credential's probe history (never a value): admins, and reviewers who judge connectors.
  'GET /credentials/:name/probes': ['reviewer', 'admin'],
  // Dashboards: everyone signed in reads, scoped in the service (managers and admins: all
  // workflows; others: those they own or review); SLOs are set by managers and admins.
  'GET /dashboard/workflows': ANY,
  'GET /dashboard/runs': ANY,
  'GET /dashboard/durations': ANY,
  'GET /dashboard/time-to-contain': ANY,
  'GET /dashboard/time-saved': ANY,
  'GET /dashboard/approvals': ANY,
  'GET /dashboard/automation': ANY,
  'GET /dashboard/failing-steps': ANY,
  'GET /dashboard/runs.csv': ANY,
  'GET /dashboard/slos': ANY,
  'PUT /dashboard/slos/:workflowId': ['manager', 'admin'],
  'DELETE /dashboard/slos/:workflowId': ['manager', 'admin'],
  // Audit log: read-only oversight for managers and admins.
  'GET /audit': ['manager', 'admin'],
  'GET /audit/facets': ['manager', 'admin'],
  'GET /audit/export.csv': ['manager', 'admin'],
};

/** The callers of the walk: no credentials, then one API token per role. */
export const CALLERS = ['anonymous', ...ROLES] as const;
export type Caller = (typeof CALLERS)[number];

/** What the route's access check answers `caller`: pass, 401 or 403. */
export function expectedGate(allowed: Allowed, caller: Caller): 'pass' | 401 | 403 {
  if (allowed === 'public') return 'pass';
  if (caller === 'anonymous') return 401;
  return allowed.includes(caller) ? 'pass' : 403;
}
