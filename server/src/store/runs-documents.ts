/**
 * Parsed workflow documents by version id. Versions are immutable, so a document is
 * parsed once per process; the same object goes to the engine every time, which lets
 * the store tell which version a document is (a child run's row needs its version).
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import { parseStoredDocument } from './runs-ids';

export interface DocumentOrigin {
  workflowId: string;
  versionId: string;
}

export class RunDocuments {
  private readonly byVersion = new Map<string, WorkflowDocument>();
  private readonly origins = new WeakMap<WorkflowDocument, DocumentOrigin>();

  /** @param capacity versions kept; the least recently used is dropped beyond it. @default 200 */
  constructor(private readonly capacity = 200) {}

  get(versionId: string): WorkflowDocument | undefined {
    const doc = this.byVersion.get(versionId);
    if (doc) {
      this.byVersion.delete(versionId);
      this.byVersion.set(versionId, doc);
    }
    return doc;
  }

  /** Parses (unless cached) and remembers the document of a version. */
  add(origin: DocumentOrigin, raw: unknown): WorkflowDocument {
    const known = this.get(origin.versionId);
    if (known) return known;
    const doc = parseStoredDocument(raw);
    this.byVersion.set(origin.versionId, doc);
    this.origins.set(doc, origin);
    if (this.byVersion.size > this.capacity) {
      const oldest = this.byVersion.keys().next().value;
      if (oldest !== undefined) this.byVersion.delete(oldest);
    }
    return doc;
  }

  originOf(doc: WorkflowDocument): DocumentOrigin | undefined {
    return this.origins.get(doc);
  }

  /** Version ids whose documents are cached: a load does not fetch those again. */
  cachedVersionIds(): string[] {
    return [...this.byVersion.keys()];
  }
}
