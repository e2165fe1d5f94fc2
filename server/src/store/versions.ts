/**
 * Workflow versions: immutable documents (a database trigger refuses any change but the
 * status), numbered 1, 2, 3 … per workflow, unique by content hash.
 */
import { validateDocument, type WorkflowDocument } from '@autonomic/workflow';
import { Prisma } from '../generated/prisma/client';
import type { Db } from './db';
import type { VersionStatus } from '../generated/prisma/enums';
import { findWorkflow } from './workflows';

/** A version without its document: what lists show. */
export interface VersionSummary {
  id: string;
  workflowId: string;
  number: number;
  contentHash: string;
  status: VersionStatus;
  changeNote: string;
  createdAt: Date;
  author: { id: string; username: string; displayName: string };
}

export interface VersionRecord extends VersionSummary {
  /** As stored: a parsed document, or a draft the schema does not accept yet. */
  document: Prisma.JsonValue;
}

const summary = {
  id: true,
  workflowId: true,
  number: true,
  contentHash: true,
  status: true,
  changeNote: true,
  createdAt: true,
  author: { select: { id: true, username: true, displayName: true } },
} as const;
const record = { ...summary, document: true } as const;

/** Documents are plain JSON; Prisma's input type cannot say so of a parsed zod value. */
const jsonValue = (value: object) => value as Prisma.InputJsonValue;

export function findVersion(db: Db, workflowId: string, number: number): Promise<VersionRecord | null> {
  return db.workflowVersion.findUnique({ where: { workflowId_number: { workflowId, number } }, select: record });
}

export function findVersionById(db: Db, id: string): Promise<VersionRecord | null> {
  return db.workflowVersion.findUnique({ where: { id }, select: record });
}

export function findVersionByHash(db: Db, workflowId: string, contentHash: string): Promise<VersionRecord | null> {
  return db.workflowVersion.findUnique({
    where: { workflowId_contentHash: { workflowId, contentHash } },
    select: record,
  });
}

export function latestVersion(db: Db, workflowId: string): Promise<VersionSummary | null> {
  return db.workflowVersion.findFirst({ where: { workflowId }, orderBy: { number: 'desc' }, select: summary });
}

export function listVersions(db: Db, workflowId: string): Promise<VersionSummary[]> {
  return db.workflowVersion.findMany({ where: { workflowId }, orderBy: { number: 'desc' }, select: summary });
}

export async function insertVersion(
  db: Db,
  data: { workflowId: string; document: object; contentHash: string; authorId: string; changeNote: string },
): Promise<VersionRecord> {
  const last = await db.workflowVersion.aggregate({ where: { workflowId: data.workflowId }, _max: { number: true } });
  return db.workflowVersion.create({
    data: { ...data, document: jsonValue(data.document), number: (last._max.number ?? 0) + 1 },
    select: record,
  });
}

export async function setVersionStatus(db: Db, id: string, status: VersionStatus): Promise<void> {
  await db.workflowVersion.update({ where: { id }, data: { status } });
}

export interface PublishedVersion {
  id: string;
  workflowId: string;
  number: number;
  contentHash: string;
  document: WorkflowDocument;
}

/**
 * The version that triggers run, parsed, or undefined when nothing is published. A
 * published version passed validation before its review, so it always parses.
 */
export async function getPublishedVersion(db: Db, workflowId: string): Promise<PublishedVersion | undefined> {
  const w = await db.workflow.findUnique({
    where: { id: workflowId },
    select: {
      publishedVersion: { select: { id: true, workflowId: true, number: true, contentHash: true, document: true } },
    },
  });
  const v = w?.publishedVersion;
  const document = v ? validateDocument(v.document).document : undefined;
  if (!v || !document) return undefined;
  return { id: v.id, workflowId: v.workflowId, number: v.number, contentHash: v.contentHash, document };
}

/** Resolves a sub-workflow reference (id or slug) to its published document. */
export function publishedDocumentResolver(db: Db): { resolve(ref: string): Promise<WorkflowDocument | undefined> } {
  return {
    async resolve(ref) {
      const w = await findWorkflow(db, ref);
      return w ? (await getPublishedVersion(db, w.id))?.document : undefined;
    },
  };
}

/**
 * Every stored document written in a format older than `before`, with where it is stored:
 * the start-up adoption reads what retired step types they use.
 */
export async function documentsBefore(
  db: Db,
  before: number,
): Promise<Array<{ workflowId: string; number: number; document: Prisma.JsonValue }>> {
  const rows = await db.workflowVersion.findMany({
    select: { workflowId: true, number: true, document: true },
    orderBy: [{ workflowId: 'asc' }, { number: 'asc' }],
  });
  return rows.filter((r) => {
    const doc = r.document;
    const version = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? doc['formatVersion'] : undefined;
    return typeof version === 'number' && version < before;
  });
}
