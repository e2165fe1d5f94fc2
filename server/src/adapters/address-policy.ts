import { contains, parseAddress, parseNetwork, type Address, type Network } from '../engine/net';

/**
 * Where outbound HTTP may go. Refused unless allowed by `OUTBOUND_ALLOW`: addresses that
 * reach this machine, its private networks or its cloud's metadata service.
 */
const BLOCKED: readonly [string, string][] = [
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
  ['fc00::/7', 'a unique local (private) address'],
  ['fe80::/10', 'a link-local address'],
  ['ff00::/8', 'a multicast address'],
  // NAT64 can embed any IPv4 address, private ones included.
  ['64:ff9b::/96', 'a NAT64 address'],
];

const BLOCKED_NETS: { net: Network; why: string }[] = BLOCKED.map(([cidr, why]) => {
  const net = parseNetwork(cidr);
  if (!net) throw new Error(`bad built-in CIDR ${cidr}`);
  return { net, why };
});

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
      const hit = BLOCKED_NETS.find((b) => contains(b.net, a));
      return hit ? `${ip} is ${hit.why}` : undefined;
    },
  };
}
