/**
 * The composition root: builds every service once, wires the seams between modules
 * (contracts.ts), and returns the Express app plus the background parts to start and
 * stop. `index.ts` only opens the database, calls this and listens.
 */
import type { Express } from 'express';
import { createEffectsFactory } from './adapters/effects-factory';
import { createHttpClient } from './adapters/http-client';
import { engineLimitsOf } from './config';
import { createLiveConnectorCatalog } from './connectors/catalog';
import { createConnectorClient } from './connectors/client';
import type { AppContext } from './context';
import type { ExpressionEvaluator } from './engine';
import { createExecutor } from './executor/executor';
import { runLogSink } from './executor/run-log';
import { buildApp, type RouteModule } from './http/app';
import type { RegisteredRoute } from './http/route';
import { approvalRoutes } from './http/routes/approvals';
import { approvalLinkRoutes } from './http/routes/approval-links';
import { auditRoutes } from './http/routes/audit';
import { authRoutes } from './http/routes/auth';
import { connectorHealthRoutes } from './http/routes/connector-health';
import { connectorRoutes } from './http/routes/connectors';
import { credentialRoutes } from './http/routes/credentials';
import { layoutRoutes } from './http/routes/layout';
import { dashboardRoutes } from './http/routes/dashboard';
import { reviewRoutes } from './http/routes/reviews';
import { replayRoutes } from './http/routes/replays';
import { runRoutes } from './http/routes/runs';
import { safetyRoutes } from './http/routes/safety';
import { settingsChangeRoutes } from './http/routes/settings-changes';
import { assetRoutes } from './http/routes/assets';
import { policyRoutes } from './http/routes/policies';
import { secretRoutes } from './http/routes/secrets';
import { simulationRoutes } from './http/routes/simulations';
import { tokenRoutes } from './http/routes/tokens';
import { triggerRoutes } from './http/routes/triggers';
import { userRoutes } from './http/routes/users';
import { webhookRoutes } from './http/routes/webhooks';
import { workflowRoutes } from './http/routes/workflows';
import { interopRoutes } from './http/routes/interop';
import { templateRoutes } from './http/routes/templates';
import { createTemplateService } from './services/templates/service';
import { createCacaoInterop } from './services/interop/cacao';
import { createWorkflowFileInterop } from './services/interop/workflow-file';
import { createMetrics } from './metrics/metrics';
import { createApprovalService } from './services/approvals/service';
import {
  createApprovalNotifier,
  createLinkDecisionService,
  linkKeyOf,
  notifySettingsOf,
  withNotifications,
} from './services/approval-notifications';
import { loadMasterKey } from './services/secrets/master-key';
import { createDriftRecorder, createDriftService } from './services/connector-drift';
import { createConnectorUpgradeService } from './services/connector-upgrades';
import { createConnectorService } from './services/connectors';
import { createCredentialsService } from './services/credentials';
import { createCustomConnectorService, loadStoredConnectors } from './services/custom-connectors';
import { adoptLegacyCredentials } from './services/credentials/adopt-legacy';
import { createProbeScheduler } from './services/credentials/probe-scheduler';
import { createProbeService } from './services/credentials/probes';
import { createDashboardService } from './services/dashboard';
import { createRollupFolder } from './services/dashboard/fold-timer';
import { createAuthService, type AuthOptions } from './services/auth';
import { createRunService } from './services/runs/service';
import { createReplayRunner, createReplayService, redactEvent } from './services/replays';
import { createRunStarter } from './services/runs/starter';
import { createSafetySource } from './services/safety/source';
import { createSafetyService } from './services/safety/service';
import { createAssetService } from './services/assets';
import { createSecretsVault } from './services/secrets/vault';
import { createScheduler } from './services/triggers/scheduler';
import { createWebhookSecrets } from './services/triggers/webhook-secret';
import { createWebhookService } from './services/triggers/webhook-service';
import { withHooksFastPath } from './http/hooks-fast-path';
import type { RequestListener } from 'node:http';
import {
  createConnectorChecks,
  createSimulationService,
  createTestRunner,
  createTestRunService,
  createSettingsReviewService,
  createWorkflowServices,
  simulatedConnectors,
} from './services/workflows';
import { createLayoutService } from './services/workflows/layout';
import { withApproverChecks } from './services/approvals/approver-checks';
import { createPolicyService, insertDefaultPolicies } from './services/policies';
import { createRollbackService, rollbackPolicyOf } from './services/workflows/rollback';
import { createRollbackNotifier } from './services/workflows/rollback-notify';

export interface ServerOptions {
  /** The database URL, so the executor's hot path can use a bare pg pool and LISTEN/NOTIFY. */
  databaseUrl?: string;
  /** The executor's id: its runs' lease owner (`npm run worker` names it in its logs). @default a random id */
  workerId?: string;
  auth?: AuthOptions;
  /** Mounted after the API (the built client). */
  after?: (app: Express) => void;
  /**
   * Where expressions run, live and in simulations: `index.ts` passes the sandbox pool
   * (sandbox/pool.ts). @default in this thread (tests)
   */
  expressions?: ExpressionEvaluator;
}

export interface Server {
  app: Express;
  /** `app` with the webhook intake's fast path in front (http/hooks-fast-path.ts): what `npm start` listens with. */
  listener: RequestListener;
  /** Every API route with its access rule, for the OpenAPI document and the authz table test. */
  routes: readonly RegisteredRoute[];
  /** Starts the executor, scheduler and housekeeping (when config.EXECUTOR). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createServer(ctx: AppContext, options: ServerOptions = {}): Server {
  const auth = createAuthService(ctx, options.auth);
  const vault = createSecretsVault(ctx);
  const safetySource = createSafetySource(ctx);
  const safety = createSafetyService(ctx, safetySource);
  // One guarded outbound client, made first: live effects and credential tests share its SSRF
  // guard, and the effects may then take the credentials without a cycle.
  const http = createHttpClient({ allow: ctx.config.OUTBOUND_ALLOW });
  // Built-ins and admins' installed versions; custom ones reloaded after each change (see the catalog).
  const catalog = createLiveConnectorCatalog({
    load: () => loadStoredConnectors(ctx),
    now: () => ctx.clock.now(),
    onError: (err) => ctx.log.warn({ err }, 'could not reload the custom connectors; the loaded ones serve on'),
  });
  // Live answers (steps and credential tests) that drift from their response schemas are recorded.
  const drift = createDriftRecorder(ctx);
  const credentials = createCredentialsService(ctx, {
    cipher: vault.cipher,
    client: createConnectorClient({ http, drift: drift.record }),
    connector: (id) => catalog.latest(id),
  });
  const effects = createEffectsFactory(ctx, {
    vault,
    http,
    connectors: { catalog, credentials, drift: drift.record },
  });
  const metrics = createMetrics(ctx);

  // Approvers are told (messages with signed links, reminders, pages) through the notify connectors.
  const notifySettings = notifySettingsOf(ctx.config);
  const linkKey = linkKeyOf(loadMasterKey(ctx.config));
  const notifier = createApprovalNotifier(ctx, {
    settings: notifySettings,
    catalog,
    credentials,
    client: createConnectorClient({ http, drift: drift.record }),
    linkKey,
  });

  const limits = engineLimitsOf(ctx.config);
  const expressions = options.expressions ? { expressions: options.expressions } : {};
  const executor = createExecutor(ctx, {
    effects,
    safety: safetySource,
    limits,
    ...expressions,
    sinks: [metrics.sink, runLogSink(ctx.log)],
    approvalHooks: notifier.hooks,
    // Live runs' events are kept for replay (redacted), in the run's own INSERT.
    ...(ctx.config.REPLAY_RETENTION_DAYS > 0 ? { replayEvent: redactEvent } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.workerId ? { workerId: options.workerId } : {}),
    concurrency: ctx.config.EXECUTOR_CONCURRENCY,
    stopGraceMs: ctx.config.EXECUTOR_STOP_GRACE_MS,
  });
  const starter = createRunStarter(ctx, executor);
  const runs = createRunService(ctx, { executor, starter });
  const approvals = withNotifications(ctx, createApprovalService(ctx, executor));
  const approvalLinks = createLinkDecisionService(ctx, { approvals, linkKey, signedOnly: notifySettings.signedOnly });
  const webhooks = createWebhookService(ctx, { runs: starter, cipher: vault.cipher, ...expressions });
  const webhookSecrets = createWebhookSecrets(ctx, { cipher: vault.cipher, webhooks });
  const scheduler = createScheduler(ctx, { runs: starter });
  // Scheduled health probes of every live credential, through the same guarded client as "test connection".
  const probes = createProbeService(ctx, {
    credentials,
    client: createConnectorClient({ http, drift: drift.record }),
    connector: (id) => catalog.latest(id),
  });
  const probeScheduler = createProbeScheduler(ctx, probes);
  const rollupFolder = createRollupFolder(ctx);

  // Every saved version's test cases, in the background: simulation only, never a credential.
  const testRunner = createTestRunner(ctx, {
    safety: safetySource,
    limits,
    ...expressions,
    connectors: simulatedConnectors(catalog, credentials),
  });
  // Replays and shadows of versions on real events, in the background: simulation only, never a credential.
  const replayRunner = createReplayRunner(ctx, {
    safety: safetySource,
    limits,
    ...expressions,
    connectors: simulatedConnectors(catalog, credentials),
  });
  executor.events.on('run', (e) => replayRunner.onRun(e));
  // Approval steps' approvers are checked against the directory wherever connectors are.
  const documentChecks = withApproverChecks(ctx, createConnectorChecks({ catalog, credentials }));
  const wf = createWorkflowServices(ctx, documentChecks, testRunner.signal);
  const upgrades = createConnectorUpgradeService(ctx, {
    catalog,
    checks: withApproverChecks(ctx, createConnectorChecks({ catalog, credentials })),
  });
  const simulations = createSimulationService(ctx, {
    safety: safetySource,
    limits,
    ...expressions,
    connectors: simulatedConnectors(catalog, credentials),
  });

  // What triggers run changes on publish and rollback: drop the caches that depend on it.
  const publish = wf.publishing.publish;
  const publishing = {
    ...wf.publishing,
    publish: async (...args: Parameters<typeof publish>) => {
      const result = await publish(...args);
      webhooks.invalidate(result.workflowId);
      await scheduler.refresh();
      return result;
    },
  };
  publishing.rollback = publishing.publish;
  // A newly published version that burns its error budget fast is rolled back by policy.
  const rollbacks = createRollbackService(ctx, {
    policy: rollbackPolicyOf(ctx.config),
    notifier: createRollbackNotifier(ctx, {
      settings: notifySettings,
      catalog,
      credentials,
      client: createConnectorClient({ http, drift: drift.record }),
    }),
    onRolledBack: async (workflowId) => {
      webhooks.invalidate(workflowId);
      await scheduler.refresh();
    },
  });
  executor.events.on('run', (e) => rollbacks.onRun(e));
  const updateSettings = wf.workflows.updateSettings;
  const workflows = {
    ...wf.workflows,
    updateSettings: async (...args: Parameters<typeof updateSettings>) => {
      const view = await updateSettings(...args);
      effects.guard.invalidate(view.id);
      return view;
    },
  };

  const deps = { ctx, auth };
  const modules: RouteModule[] = [
    authRoutes(deps),
    userRoutes(deps),
    tokenRoutes(deps),
    interopRoutes({
      cacao: createCacaoInterop(ctx, { workflows, versions: wf.versions, connectors: (id, v) => catalog.get(id, v) }),
      files: createWorkflowFileInterop(ctx, {
        workflows,
        versions: wf.versions,
        connectors: (id, v) => catalog.get(id, v),
      }),
    }),
    templateRoutes({ templates: createTemplateService(ctx, { workflows, catalog, credentials }) }),
    workflowRoutes({ workflows, versions: wf.versions, publishing, probes, upgrades }),
    settingsChangeRoutes({
      changes: createSettingsReviewService(ctx),
      onApproved: (id) => effects.guard.invalidate(id),
    }),
    layoutRoutes({ layout: createLayoutService(ctx) }),
    reviewRoutes({ reviews: wf.reviews, comments: wf.comments }),
    simulationRoutes({ simulations, tests: createTestRunService(ctx, testRunner.signal) }),
    replayRoutes({
      replays: createReplayService(ctx, { queued: replayRunner.wake, shadowsChanged: replayRunner.shadowsChanged }),
    }),
    runRoutes({ runs, events: executor.events }),
    approvalRoutes({ approvals }),
    approvalLinkRoutes({ links: approvalLinks }),
    webhookRoutes({ webhooks }),
    triggerRoutes({ webhookSecrets }),
    safetyRoutes({ safety }),
    assetRoutes({ assets: createAssetService(ctx, safetySource) }),
    policyRoutes({ policies: createPolicyService(ctx) }),
    secretRoutes({ vault }),
    // Before the connector routes: `/connectors/health` is not a connector id.
    connectorHealthRoutes({ probes }),
    connectorRoutes({
      connectors: createConnectorService({ ctx }),
      custom: createCustomConnectorService(ctx, { catalog }),
      upgrades,
      drift: createDriftService(ctx),
    }),
    credentialRoutes({ credentials, probes }),
    dashboardRoutes({ dashboard: createDashboardService(ctx) }),
    auditRoutes({ ctx }),
  ];
  const { app, api } = buildApp({
    ctx,
    authenticator: auth.authenticator,
    modules,
    before: (a) => a.get('/metrics', metrics.handler),
    ...(options.after ? { after: options.after } : {}),
  });

  return {
    app,
    listener: withHooksFastPath(app, webhooks, (err) => ctx.log.error({ err }, 'unhandled error')),
    routes: api.routes,
    async start() {
      await catalog.refresh();
      // Before runs start: a v1 playbook's migrated steps name credentials that may not exist yet.
      // A failure is logged, never fatal: the steps then show a missing credential instead.
      await adoptLegacyCredentials(ctx, { credentials, vault }).catch((e: unknown) =>
        ctx.log.error({ err: e }, 'legacy credential adoption failed'),
      );
      // The default safety policies every organisation has (an admin's edits are kept).
      await insertDefaultPolicies(ctx.prisma);
      webhooks.start();
      if (!ctx.config.EXECUTOR) return;
      await executor.start();
      // Test runs are work like runs: claimed by the processes that run work.
      await testRunner.start();
      await replayRunner.start();
      // Votes recorded by a process that died before its run had them.
      await approvals.start();
      notifier.start();
      await scheduler.start();
      probeScheduler.start();
      rollbacks.start();
      rollupFolder.start();
    },
    async stop() {
      await rollupFolder.stop();
      approvals.stop();
      await notifier.stop();
      scheduler.stop();
      await probeScheduler.stop();
      webhooks.stop();
      await testRunner.stop();
      await replayRunner.stop();
      await executor.stop();
      // After the executor: the last runs it finished may have asked for a check.
      await rollbacks.stop();
      await drift.settled();
      await effects.close();
    },
  };
}
