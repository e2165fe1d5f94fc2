/**
 * Seeds the example playbooks (examples/<name>/workflow.json) into an empty database and
 * takes each through the same review as anyone's: requested by the demo analyst,
 * its test cases run when the change is high risk, approved by demo reviewers and
 * published, so that a newcomer opens the app to published playbooks. Every step goes
 * through the services, so it is audited like any other; the actors are labelled
 * `token:seed:<username>` in the audit log. Connector steps are checked against the
 * installed connectors and the stored credentials, as anyone's are: seed the demo
 * credentials first (`seedDemoCredentials`), or the examples stay unpublished.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../context';
import type { VersionStatus } from '../store/enums';
import { createConnectorCatalog } from '../connectors/catalog';
import { createSafetyPort, SafetyList } from '../engine';
import { AppError } from '../errors';
import type { SafetySource } from '../services/contracts';
import {
  createConnectorChecks,
  createTestRunner,
  createWorkflowServices,
  simulatedConnectors,
} from '../services/workflows';
import { countWorkflows } from '../store/workflows';
import { seedActor } from './actor';
import { seedCredentialsService } from './credentials';
import { exampleSettings } from './example-settings';

export interface SeedPlaybooksOptions {
  /** The demo analyst: owner and author of every playbook. */
  authorId: string;
  /** Demo reviewers (or admins), distinct from the author; a high-risk playbook needs two. */
  reviewerIds: string[];
  /** Take each playbook through review and publish it; false leaves version 1 as a draft. */
  publish: boolean;
  /** Safety lists for the test cases. @default each example's own safety.json */
  safety?: SafetySource;
  /** @default the repository's examples/ folder */
  examplesDir?: string;
}

export interface SeededPlaybook {
  slug: string;
  status: VersionStatus;
  /** Why a playbook was not published, when it was meant to be. */
  note?: string;
}

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Folders of examples/ holding a workflow.json, in name order. */
async function exampleFolders(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (await fs.stat(join(dir, e.name, 'workflow.json')).catch(() => null)) found.push(e.name);
  }
  return found;
}

async function folderSafety(folder: string): Promise<SafetySource> {
  const text = await fs.readFile(join(folder, 'safety.json'), 'utf8').catch(() => '{}');
  const list = SafetyList.parse(JSON.parse(text));
  return { port: () => createSafetyPort(list), list: async () => list };
}

/** Why a playbook stayed unpublished: the message and, for a refused review or publish, each problem. */
function reasonOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const details = e instanceof AppError ? e.details.map((d) => `${d.path}: ${d.message}`) : [];
  return details.length > 0 ? `${e.message} (${details.join('; ')})` : e.message;
}

/**
 * Imports the examples when the workflows table is empty; does nothing otherwise, so it
 * is safe to call on every start.
 */
export async function seedExamplePlaybooks(ctx: AppContext, opts: SeedPlaybooksOptions): Promise<SeededPlaybook[]> {
  if ((await countWorkflows(ctx.prisma)) > 0) return [];
  const dir = opts.examplesDir ?? EXAMPLES;
  const catalog = createConnectorCatalog();
  const credentials = seedCredentialsService(ctx);
  const services = createWorkflowServices(ctx, createConnectorChecks({ catalog, credentials }));
  const connectors = simulatedConnectors(catalog, credentials);
  const author = await seedActor(ctx, opts.authorId);
  const reviewerIds = opts.reviewerIds.filter((id) => id !== opts.authorId);
  const reviewers = await Promise.all(reviewerIds.map((id) => seedActor(ctx, id)));
  const seeded: SeededPlaybook[] = [];
  for (const name of await exampleFolders(dir)) {
    const document: unknown = JSON.parse(await fs.readFile(join(dir, name, 'workflow.json'), 'utf8'));
    const { workflow, version } = await services.workflows.create(author, {
      document,
      changeNote: `Imported from examples/${name}`,
    });
    // Before the review: the policies checked there read the workflow's limits.
    const settings = await exampleSettings(join(dir, name));
    if (Object.keys(settings).length > 0) await services.workflows.updateSettings(author, workflow.id, settings);
    if (!opts.publish) {
      seeded.push({ slug: workflow.slug, status: 'draft' });
      continue;
    }
    try {
      const { review } = await services.reviews.request(author, workflow.id, 1, {
        reviewerIds,
        note: 'Example playbook, imported at first start.',
      });
      if (review.testsRequired) {
        // Run now, before the reviewers decide: their approval then finds the cases green.
        const safety = opts.safety ?? (await folderSafety(join(dir, name)));
        await createTestRunner(ctx, { safety, connectors }).runVersion(version.id);
      }
      for (const reviewer of reviewers.slice(0, review.requiredApprovals)) {
        await services.reviews.decide(reviewer, review.id, { decision: 'approve', comment: 'Seeded example.' });
      }
      const approvedBy = reviewers[0];
      if (!approvedBy) throw new Error('no reviewer given');
      await services.publishing.publish(approvedBy, workflow.id, 1);
      seeded.push({ slug: workflow.slug, status: 'published' });
    } catch (e) {
      const note = reasonOf(e);
      ctx.log.warn({ slug: workflow.slug, err: note }, 'example playbook left unpublished');
      const v = await services.versions.get(workflow.id, 1);
      seeded.push({ slug: workflow.slug, status: v.status, note });
    }
  }
  ctx.log.info({ playbooks: seeded.map((s) => `${s.slug}:${s.status}`) }, 'example playbooks seeded');
  return seeded;
}
