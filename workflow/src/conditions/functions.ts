import { contains, parseAddress, parseNetwork } from '../net';

/**
 * `$inCidr(address, networks)`: true when the address (IPv4 or IPv6) lies in the network
 * or in any of a list of networks. A missing or malformed address is simply not inside;
 * a malformed network is the author's mistake and fails the expression, naming it.
 * @example $inCidr(event.src_ip, "10.0.0.0/8") // true for "10.1.2.3"
 * @example $inCidr(event.src_ip, ["10.0.0.0/8", "192.168.0.0/16"])
 */
export function inCidr(address: unknown, networks: unknown): boolean {
  const list = Array.isArray(networks) ? networks : [networks];
  const nets = list.map((n) => {
    const net = typeof n === 'string' ? parseNetwork(n) : undefined;
    if (!net) throw new Error(`$inCidr: ${JSON.stringify(n) ?? 'undefined'} is not a network such as "10.0.0.0/8"`);
    return net;
  });
  const a = typeof address === 'string' ? parseAddress(address) : undefined;
  return a !== undefined && nets.some((net) => contains(net, a));
}

/**
 * The functions every expression may call besides JSONata's own, as JSONata bindings
 * (`$inCidr(…)` calls `inCidr`). The engine binds them to every evaluation.
 */
export const EXPRESSION_FUNCTIONS: Readonly<Record<string, (...args: never[]) => unknown>> = { inCidr };
