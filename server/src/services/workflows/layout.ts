/**
 * Layout without a new version: positions and notes are not logic, so moving nodes gives
 * the same content hash and saving makes no version. The editor stores such a layout
 * here; it applies while the latest version is the one it was saved over.
 */
import type { Actor, LayoutView } from '@autonomic/api';
import { UiBlock } from '@autonomic/workflow';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { transaction } from '../../store/db';
import { latestVersion } from '../../store/versions';
import { findLayout, saveLayout } from '../../store/workflow-layout';
import { assertCanEdit } from './access';
import { workflowOrThrow } from './lookup';

export function createLayoutService(ctx: AppContext) {
  const { prisma } = ctx;

  async function get(ref: string): Promise<LayoutView> {
    const workflow = await workflowOrThrow(prisma, ref);
    const [latest, stored] = await Promise.all([latestVersion(prisma, workflow.id), findLayout(prisma, workflow.id)]);
    const current = latest !== null && stored?.contentHash === latest.contentHash;
    const parsed = current ? UiBlock.safeParse(stored.ui) : null;
    return { version: latest?.number ?? null, ui: parsed?.success ? parsed.data : null };
  }

  /** Stores the layout over the latest version (owner or admin). */
  async function save(actor: Actor, ref: string, ui: UiBlock): Promise<LayoutView> {
    return transaction(prisma, async (tx) => {
      const workflow = await workflowOrThrow(tx, ref);
      assertCanEdit(actor, workflow);
      const latest = await latestVersion(tx, workflow.id);
      if (!latest) throw new AppError(409, 'no_version', 'save a version before its layout');
      await saveLayout(tx, workflow.id, { contentHash: latest.contentHash, ui });
      return { version: latest.number, ui };
    });
  }

  return { get, save };
}

export type LayoutService = ReturnType<typeof createLayoutService>;
