import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { WorkflowDocument } from './document';

/** The logic of a document: everything but the `ui` block. */
export type LogicDocument = Omit<WorkflowDocument, 'ui'>;

export function logicOf(doc: WorkflowDocument): LogicDocument {
  const { ui: _ui, ...logic } = doc;
  return logic;
}

/**
 * RFC 8785 canonical JSON of a document's logic: keys sorted, no whitespace, `ui`
 * left out, so moving a node never changes it.
 */
export function canonicalJson(doc: WorkflowDocument): string {
  const text = canonicalize(logicOf(doc));
  if (text === undefined) throw new Error('document is not serialisable');
  return text;
}

/** Hex sha-256 of the canonical JSON: what an approval binds to. */
export function contentHash(doc: WorkflowDocument): string {
  return hashOfCanonical(canonicalJson(doc));
}

/** `contentHash` for a caller that already holds the canonical JSON (the compiler): no second serialisation. */
export function hashOfCanonical(canonical: string): string {
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}
