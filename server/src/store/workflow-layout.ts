/** The layout stored on a workflow apart from its versions (moves alone make no version). */
import type { Db } from './db';

export interface StoredLayout {
  /** The content hash of the version this layout was saved over. */
  contentHash: string;
  ui: unknown;
}

export async function findLayout(db: Db, workflowId: string): Promise<StoredLayout | null> {
  const row = await db.workflow.findUnique({ where: { id: workflowId }, select: { layout: true } });
  const layout = row?.layout;
  if (typeof layout !== 'object' || layout === null || Array.isArray(layout)) return null;
  const { contentHash, ui } = layout;
  return typeof contentHash === 'string' ? { contentHash, ui } : null;
}

export async function saveLayout(
  db: Db,
  workflowId: string,
  layout: { contentHash: string; ui: object },
): Promise<void> {
  await db.workflow.update({ where: { id: workflowId }, data: { layout } });
}
