import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Our namespace for name-based CACAO ids (a fixed random UUID: the same node id always gives the same CACAO id). */
export const AUTONOMIC_NAMESPACE = '3f7c2d1e-9b4a-4c6e-8f21-5d0a7b9c3e18';

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/**
 * An RFC 4122 version 5 UUID (SHA-1 of namespace + name): deterministic, so exporting
 * the same version twice gives the same ids.
 *
 * @example uuidV5('enrich_ip') // always the same uuid
 */
export function uuidV5(name: string, namespace = AUTONOMIC_NAMESPACE): string {
  const ns = uuidBytes(namespace);
  const data = utf8ToBytes(name);
  const input = new Uint8Array(ns.length + data.length);
  input.set(ns);
  input.set(data, ns.length);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(hash);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A CACAO identifier `<type>--<uuid v5 of name>`. */
export function cacaoId(type: string, name: string): string {
  return `${type}--${uuidV5(name)}`;
}
