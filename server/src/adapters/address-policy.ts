import { contains, parseAddress, parseNetwork, type Address, type Network } from '../engine/net';

/**
 * Where outbound HTTP may go. Refused unless allowed by `OUTBOUND_ALLOW`: addresses that
 * reach this machine, its private networks or its cloud's metadata service.
 */
/**
 * The refused ranges, with why. Made per policy (a server makes one), not at module load: a
 * table built at load is out of reach of the mutation tests, which switch a mutant on only
 * after the modules have loaded, so a deleted row would pass them unseen.
 */
function blockedRanges(): readonly [string, string][] {
  return [
    ['0.0.0.0/8', 'a "this network" address'],
    ['10.0.0.0/8', 'a private (RFC 1918) address'],
    ['100.64.0.0/10', 'a carrier-grade NAT address'],
    ['127.0.0.0/8', 'a loopback address'],
    ['169.254.0.0/16', 'a link-local address (cloud metadata lives here)'],
    ['172.16.0.0/12', 'a private (RFC 1918) address'],
    ['192.0.0.0/24', 'an IETF protocol address'],
    ['192.168.0.0/16', 'a private (RFC 1918) address'],
    ['198.18.0.0/15', 'a benchmarking address'],
    ['224.0.0.0/4', 'a multicast address'],
    ['240.0.0.0/4', 'a reserved address'],
    ['::/128', 'the unspecified address'],
    ['::1/128', 'a loopback address'],
    // IPv4-compatible (::a.b.c.d, deprecated): [::7f00:1] is 127.0.0.1 to some stacks.
    ['::/96', 'an IPv4-compatible address (it embeds an IPv4 address)'],
    // IPv4-mapped (::ffff:a.b.c.d) addresses are parsed as the IPv4 address they carry; IPv4-translated (SIIT):
    ['::ffff:0:0:0/96', 'an IPv4-translated address (it embeds an IPv4 address)'],
    ['100::/64', 'a discard-only address'],
    ['fc00::/7', 'a unique local (private) address'],
    ['fec0::/10', 'a site-local (private) address'],
    ['fe80::/10', 'a link-local address'],
    ['ff00::/8', 'a multicast address'],
    // NAT64 can embed any IPv4 address, private ones included.
    ['64:ff9b::/96', 'a NAT64 address'],
    ['64:ff9b:1::/48', 'a local-use NAT64 address'],
  ];
}

const MASK32 = 0xffffffffn;

/**
 * IPv6 forms that carry an IPv4 address a relay may send the packet on to: refused when the
 * IPv4 address they carry is. 6to4 (2002:AABB:CCDD::) carries it in bits 16–48; Teredo
 * (2001:0:SSSS:SSSS:…:CCCC:CCCC) its server's in bits 32–64 and the client's, inverted, in
 * the last 32.
 */
function embeddings(): readonly [string, string, (v: bigint) => bigint[]][] {
  return [
    ['2002::/16', 'a 6to4 address', (v) => [(v >> 80n) & MASK32]],
    ['2001::/32', 'a Teredo address', (v) => [(v >> 64n) & MASK32, ~v & MASK32]],
  ];
}

function builtIn(cidr: string): Network {
  const net = parseNetwork(cidr);
  if (!net) throw new Error(`bad built-in CIDR ${cidr}`);
  return net;
}

interface BlockTable {
  blocked: { net: Network; why: string }[];
  embedding: { net: Network; why: string; v4: (v: bigint) => bigint[] }[];
}

function blockTable(): BlockTable {
  return {
    blocked: blockedRanges().map(([cidr, why]) => ({ net: builtIn(cidr), why })),
    embedding: embeddings().map(([cidr, why, v4]) => ({ net: builtIn(cidr), why, v4 })),
  };
}

const dotted = (v: bigint) => [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');

/** Why the address itself, or an IPv4 address embedded in it, is refused; undefined when neither is. */
function blocked(table: BlockTable, a: Address): string | undefined {
  const hit = table.blocked.find((b) => contains(b.net, a));
  if (hit) return hit.why;
  for (const e of table.embedding) {
    if (!contains(e.net, a)) continue;
    for (const v4 of e.v4(a.value)) {
      const inner = table.blocked.find((b) => contains(b.net, { family: 4, value: v4 }));
      if (inner) return `${e.why} embedding ${dotted(v4)}, ${inner.why}`;
    }
  }
  return undefined;
}

export interface AddressPolicy {
  /** Why `ip` may not be reached from a request to `host`, or undefined when it may. */
  refusal(ip: string, host: string): string | undefined;
  /** Whether the host name itself is allowed (then any address it resolves to is). */
  hostAllowed(host: string): boolean;
}

/**
 * @param allow `OUTBOUND_ALLOW`: IPs, CIDRs, host names and `*.suffix` wildcards that
 * may be reached although their addresses are private.
 */
export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const table = blockTable();
  const nets: Network[] = [];
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const raw of allow) {
    const entry = raw.trim().toLowerCase();
    const net = parseNetwork(entry);
    if (net) nets.push(net);
    else if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
    else if (entry) hosts.add(entry.replace(/\.$/, ''));
  }
  const hostAllowed = (host: string) => {
    const h = host.toLowerCase().replace(/\.$/, '');
    return hosts.has(h) || suffixes.some((s) => h.endsWith(s));
  };
  return {
    hostAllowed,
    refusal(ip, host) {
      const a: Address | undefined = parseAddress(ip);
      if (!a) return `"${ip}" is not an IP address`;
      if (hostAllowed(host) || nets.some((n) => contains(n, a))) return undefined;
      const why = blocked(table, a);
      return why ? `${ip} is ${why}` : undefined;
    },
  };
}
