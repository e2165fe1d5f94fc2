/**
 * IPv4 and IPv6 addresses as numbers, for exact and CIDR matching. An IPv4-mapped IPv6
 * address (`::ffff:203.0.113.7`) is the IPv4 address: a firewall treats them alike.
 */
export interface Address {
  family: 4 | 6;
  value: bigint;
}

export interface Network extends Address {
  prefix: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX = /^[0-9a-f]{1,4}$/;

export function parseAddress(text: string): Address | undefined {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return s.includes(':') ? parseV6(s.replace(/%.*$/, '')) : parseV4(s);
}

export function parseNetwork(text: string): Network | undefined {
  const [addr, bits, extra] = text.trim().split('/');
  if (addr === undefined || extra !== undefined) return undefined;
  const a = parseAddress(addr);
  if (!a) return undefined;
  const max = a.family === 4 ? 32 : 128;
  if (bits === undefined) return { ...a, prefix: max };
  if (!/^\d{1,3}$/.test(bits)) return undefined;
  // A v4-mapped v6 network (::ffff:10.0.0.0/104) is the v4 network /8.
  const prefix = Number(bits) - (a.family === 4 && addr.includes(':') ? 96 : 0);
  return prefix >= 0 && prefix <= max ? { ...a, prefix } : undefined;
}

export function sameAddress(a: Address, b: Address): boolean {
  return a.family === b.family && a.value === b.value;
}

export function contains(net: Network, a: Address): boolean {
  if (net.family !== a.family) return false;
  const shift = BigInt((net.family === 4 ? 32 : 128) - net.prefix);
  return net.value >> shift === a.value >> shift;
}

function parseV4(s: string): Address | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  let value = 0n;
  for (const part of m.slice(1)) {
    const n = Number(part);
    if (n > 255 || (part.length > 1 && part.startsWith('0'))) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return { family: 4, value };
}

function parseV6(s: string): Address | undefined {
  let head = s;
  let tail4: Address | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (!tail4) return undefined;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string | undefined) => (h ? h.split(':') : []);
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const g of all) {
    if (!HEX.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4) value = (value & ~0xffffffffn) | tail4.value;
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}
