/**
 * Workflows and their immutable versions. Everyone signed in reads them (reviewers and
 * managers must see what they review and measure); the owner or an admin writes.
 */
import { ConnectorEffect, ConnectorId, ConnectorTargetKind, SemVer } from '@autonomic/workflow';
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant, NullableInstant, UserRef } from '../fields';
import { Problem, RunStatus, VersionNumber, WorkflowParams, WorkflowVersionParams } from './common';

export const VERSION_STATUSES = ['draft', 'in_review', 'approved', 'published', 'retired', 'rejected'] as const;
/** Where a version stands: a draft goes to review, is approved, published, later retired. */
export const VersionStatus = z.enum(VERSION_STATUSES);
export type VersionStatus = z.infer<typeof VersionStatus>;

export const REVIEW_STATUSES = ['open', 'approved', 'changes_requested', 'cancelled'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/** A version without its document: what lists show. */
export const VersionSummary = z.object({
  id: z.uuid(),
  workflowId: z.uuid(),
  number: z.number().int(),
  contentHash: z.string(),
  status: VersionStatus,
  changeNote: z.string(),
  createdAt: Instant,
  author: UserRef,
  /**
   * The rollback policy's verdict on this version (issue 15 §3), when it gave one:
   * `rolled_back` (the version before it was published again) or `no_previous` (only told).
   * Listed by `GET /workflows/:id/versions`.
   */
  rollback: z
    .object({
      outcome: z.enum(['rolled_back', 'no_previous']),
      at: Instant,
      toNumber: z.number().int().nullable(),
      burnRate: z.number(),
      runs: z.number().int(),
      failures: z.number().int(),
      windowMinutes: z.number().int(),
    })
    .optional(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

/** A review request of a version and where its approvals stand. */
export const ReviewSummary = z.object({
  id: z.uuid(),
  status: ReviewStatus,
  requiredApprovals: z.number().int(),
  /** True when the change is high risk: every test case must pass and cover the destructive steps it changes. */
  testsRequired: z.boolean(),
  requestedReviewerIds: z.array(z.string()),
  /** Reviewers whose latest decision approves the version's current content. */
  approvedBy: z.array(z.string()),
  createdAt: Instant,
  closedAt: NullableInstant,
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

/** A version with its stored document (a draft may not parse yet), its problems and its review requests. */
export const VersionDetail = VersionSummary.extend({
  /** As stored: read it with `validateDocument` (or the client's `graphOfDocument`). */
  document: z.unknown(),
  problems: z.array(Problem),
  /** Review requests of this version, oldest first. */
  reviews: z.array(ReviewSummary),
});
export type VersionDetail = z.infer<typeof VersionDetail>;

/** The workflow row: owner, published pointer, kill switch and blast-radius limits. */
export const WorkflowRecord = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  ownerId: z.uuid(),
  owner: UserRef,
  createdAt: Instant,
  publishedVersionId: z.uuid().nullable(),
  killSwitch: z.boolean(),
  maxDestructivePerRun: z.number().int().nullable(),
  maxDestructivePerHour: z.number().int().nullable(),
  manualBaselineMinutes: z.number().int().nullable(),
  /** Rollback by policy of a newly published version that burns its error budget fast (issue 15 §3). */
  autoRollback: z.boolean().optional(),
  /** Whether a webhook secret is set (never the secret). */
  webhookEnabled: z.boolean(),
});
export type WorkflowRecord = z.infer<typeof WorkflowRecord>;

export const WorkflowDetail = WorkflowRecord.extend({
  published: VersionSummary.nullable(),
  latest: VersionSummary.nullable(),
});
export type WorkflowDetail = z.infer<typeof WorkflowDetail>;

export const WorkflowListItem = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  owner: UserRef,
  tags: z.array(z.string()),
  severity: z.string().nullable(),
  killSwitch: z.boolean(),
  createdAt: Instant,
  publishedVersion: z.number().int().nullable(),
  latestVersion: z.object({ number: z.number().int(), status: VersionStatus, savedAt: NullableInstant }).nullable(),
  /** The last live run (simulations excluded). */
  lastRun: z.object({ status: RunStatus, at: Instant, finishedAt: NullableInstant }).nullable(),
  /**
   * The credentials its published or latest version uses whose latest health probe failed
   * (empty when none): a run would fail at that step. Absent where the server does not probe.
   */
  connectorHealth: z.array(z.object({ credential: z.string(), message: z.string(), at: Instant })).optional(),
});
export type WorkflowListItem = z.infer<typeof WorkflowListItem>;

export const SavedVersion = z.object({
  /** False when a version with the same content hash already existed: nothing was written. */
  created: z.boolean(),
  version: VersionSummary,
  /** Validation problems of the saved document (a draft may have some). */
  problems: z.array(Problem),
});
export type SavedVersion = z.infer<typeof SavedVersion>;

export const CreatedWorkflow = SavedVersion.extend({ workflow: WorkflowRecord });
export type CreatedWorkflow = z.infer<typeof CreatedWorkflow>;

// The semantic diff (`WorkflowDiff` of @autonomic/workflow), as it travels.

const EffectClass = z.enum(['none', 'read', 'write', 'destructive']);
const change = <T extends z.ZodType>(value: T) => z.object({ before: value, after: value });
/**
 * One changed value; a side without the value leaves `before` or `after` out (JSON drops an
 * undefined side, and zod 4 requires a key of `z.unknown()` unless it is optional).
 */
const ValueChange = z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
export type ValueChange = z.infer<typeof ValueChange>;
const PortChange = z.object({ port: z.string(), added: z.array(z.string()), removed: z.array(z.string()) });
export type PortChange = z.infer<typeof PortChange>;
/** `target`: what an action declares it acts on, as written (a template until the run renders it). */
const StepSummary = z.object({
  id: z.string(),
  type: z.string(),
  label: z.string(),
  effect: EffectClass,
  target: z.object({ kind: z.string(), value: z.string() }).optional(),
});
const StepChange = z.object({
  id: z.string(),
  before: StepSummary,
  after: StepSummary,
  type: change(z.string()).optional(),
  label: change(z.string()).optional(),
  params: z.array(ValueChange),
  retry: z.array(ValueChange),
  timeout: change(z.string().optional()).optional(),
  transitions: z.array(PortChange),
});
export type StepChange = z.infer<typeof StepChange>;
const TriggerChange = z.object({
  id: change(z.string()).optional(),
  type: change(z.string()).optional(),
  label: change(z.string()).optional(),
  params: z.array(ValueChange),
  inputSchema: z.array(ValueChange),
  transitions: z.array(PortChange),
});
const ConnectorTargetRef = z.object({ param: z.string(), kind: ConnectorTargetKind }).nullable();
/** A connector step re-pinned: version (upgrade), action or connector, with the action's effect and target. */
const ConnectorChange = z.object({
  stepId: z.string(),
  label: z.string(),
  connector: change(z.string()),
  version: change(z.string()),
  action: change(z.string()),
  effect: change(ConnectorEffect),
  target: change(ConnectorTargetRef),
  effectRaised: z.boolean(),
  targetChanged: z.boolean(),
  /** One of the diff's risk reasons (effect raised or target changed); else a plain bump. */
  highRisk: z.boolean(),
  /** The step's action and input against the version it now pins (the server's diff only). */
  inputProblems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ConnectorChange = z.infer<typeof ConnectorChange>;
export const DiffRisk = z.enum(['high', 'normal']);
export type DiffRisk = z.infer<typeof DiffRisk>;

/** What changed in a workflow's logic between two versions (`ui` never counts). */
export const WorkflowDiff = z.object({
  isEmpty: z.boolean(),
  risk: DiffRisk,
  riskReasons: z.array(z.string()),
  metadata: z.array(ValueChange),
  trigger: TriggerChange.nullable(),
  steps: z.object({ added: z.array(StepSummary), removed: z.array(StepSummary), changed: z.array(StepChange) }),
  connectors: z.array(ConnectorChange),
  vars: z.array(ValueChange),
  /** The exception handler's step (`null`: none), when it changed. */
  onFailure: z.object({ before: z.string().nullable(), after: z.string().nullable() }).optional(),
  /** Test cases by name: added, removed, modified (event, fixtures or assertions). */
  tests: z.object({
    changed: z.boolean(),
    before: z.number().int(),
    after: z.number().int(),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    modified: z.array(z.string()),
  }),
});
export type WorkflowDiff = z.infer<typeof WorkflowDiff>;

/** The two sides of a diff; `from` has null number and hash when nothing was published (an empty workflow). */
export const VersionDiff = z.object({
  from: z.object({ number: z.number().int().nullable(), contentHash: z.string().nullable() }),
  to: z.object({ number: z.number().int(), contentHash: z.string() }),
  diff: WorkflowDiff,
});
export type VersionDiff = z.infer<typeof VersionDiff>;

export const PublishResult = z.object({
  workflowId: z.uuid(),
  published: VersionSummary,
  /** The version that was published before, now retired. */
  retired: VersionSummary.nullable(),
  rolledBack: z.boolean(),
});
export type PublishResult = z.infer<typeof PublishResult>;

/** The document is validated by the service (`validateDocument`), which reports every problem at once. */
const SaveBody = z
  .object({
    document: z.record(z.string(), z.unknown()),
    changeNote: z.string().max(2000).optional(),
  })
  .strict();

const Limit = z.number().int().min(0).max(1_000_000).nullable();
const SettingsBody = z
  .object({
    killSwitch: z.boolean().optional(),
    maxDestructivePerRun: Limit.optional(),
    maxDestructivePerHour: Limit.optional(),
    manualBaselineMinutes: z.number().int().min(0).max(10_000).nullable().optional(),
    /** On applies at once; off loosens, so it waits for a second person (owner, admin). */
    autoRollback: z.boolean().optional(),
    /** Why: kept with a loosening change, which waits for a reviewer or admin (issue 14 §6). */
    reason: z.string().trim().max(1_000).optional(),
  })
  .strict();
export type WorkflowSettingsChange = z.infer<typeof SettingsBody>;

const ListQuery = z.object({
  search: z.string().max(200).optional(),
  status: VersionStatus.optional(),
  owner: z.union([z.literal('me'), z.uuid()]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type WorkflowListQuery = z.infer<typeof ListQuery>;

/**
 * Publishing a version whose connector steps use a credential whose latest probe failed is
 * refused (409 `credential_failing`) unless `override` says why it must go out anyway (audited).
 */
export const PublishBody = z
  .object({
    override: z
      .object({ reason: z.string().trim().min(10, 'at least 10 characters').max(2_000) })
      .strict()
      .optional(),
  })
  .strict();
export type PublishBody = z.infer<typeof PublishBody>;

const DiffQuery = z.object({
  from: z.union([z.literal('published'), VersionNumber]),
  to: VersionNumber,
});

/** Which steps to re-pin to which installed version of a connector; all of its steps when `steps` is left out. */
const ConnectorUpgradeBody = z
  .object({
    connector: ConnectorId,
    toVersion: SemVer,
    steps: z.array(z.string().min(1).max(64)).min(1).max(200).optional(),
  })
  .strict();
export type ConnectorUpgradeBody = z.infer<typeof ConnectorUpgradeBody>;

/** The draft an upgrade saved (or the existing version with that content) and the steps it re-pinned. */
export const ConnectorUpgradeResult = SavedVersion.extend({
  upgraded: z.array(z.object({ stepId: z.string(), action: z.string(), from: z.string(), to: z.string() })),
});
export type ConnectorUpgradeResult = z.infer<typeof ConnectorUpgradeResult>;

const tag = 'workflows';

export const workflowsApi = {
  create: defineRoute({
    method: 'post',
    path: '/workflows',
    summary: 'Create a workflow and its version 1 (a draft may have problems)',
    tag,
    access: ['analyst', 'admin'],
    body: SaveBody,
    response: CreatedWorkflow,
    status: 201,
  }),
  list: defineRoute({
    method: 'get',
    path: '/workflows',
    summary: 'List workflows with their latest and published versions and last live run',
    tag,
    access: 'authenticated',
    query: ListQuery,
    response: z.object({ workflows: z.array(WorkflowListItem) }),
  }),
  get: defineRoute({
    method: 'get',
    path: '/workflows/:id',
    summary: 'A workflow (by id or slug) with its published and latest version',
    tag,
    access: 'authenticated',
    params: WorkflowParams,
    response: WorkflowDetail,
  }),
  updateSettings: defineRoute({
    method: 'patch',
    path: '/workflows/:id/settings',
    summary: 'Kill switch (owner, reviewer, admin), blast-radius limits and auto-rollback (owner, admin)',
    tag,
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowParams,
    body: SettingsBody,
    response: WorkflowDetail,
  }),
  /** 201 with `created: true`; 200 with `created: false` when the content hash exists. */
  saveVersion: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions',
    summary: 'Save a version: 201 new, 200 with created=false when the content hash exists',
    tag,
    access: ['analyst', 'admin'],
    params: WorkflowParams,
    body: SaveBody,
    response: SavedVersion,
    status: 201,
  }),
  listVersions: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions',
    summary: 'Versions, newest first (no documents)',
    tag,
    access: 'authenticated',
    params: WorkflowParams,
    response: z.object({ versions: z.array(VersionSummary) }),
  }),
  getVersion: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions/:number',
    summary: 'A version: document, validation problems, status, reviews',
    tag,
    access: 'authenticated',
    params: WorkflowVersionParams,
    response: VersionDetail,
  }),
  diff: defineRoute({
    method: 'get',
    path: '/workflows/:id/diff',
    summary: 'Semantic diff between two versions (`from` may be `published`)',
    tag,
    access: 'authenticated',
    params: WorkflowParams,
    query: DiffQuery,
    response: VersionDiff,
  }),
  publish: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/publish',
    summary: 'Publish an approved version (owner, admin, or a reviewer who approved it)',
    tag,
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowVersionParams,
    body: PublishBody,
    response: PublishResult,
  }),
  /** 201 with `created: true`; 200 with `created: false` when a version with that content exists. */
  connectorUpgrade: defineRoute({
    method: 'post',
    path: '/workflows/:id/connector-upgrade',
    summary:
      "A new draft from the latest version with a connector's steps re-pinned to an installed version (effect and target copied from it); 422 naming each step whose action or input no longer fits, 409 when they already pin it",
    tag,
    access: ['analyst', 'admin'],
    params: WorkflowParams,
    body: ConnectorUpgradeBody,
    response: ConnectorUpgradeResult,
    status: 201,
  }),
  rollback: defineRoute({
    method: 'post',
    path: '/workflows/:id/rollback',
    summary: 'Publish an earlier approved version again',
    tag,
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowParams,
    body: z.object({ toNumber: VersionNumber }).strict(),
    response: PublishResult,
  }),
};
