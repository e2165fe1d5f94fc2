/** IPv4 only: enough to check example events against example safety lists. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const prefix = Number(bits ?? 32);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return (toInt(ip) & mask) >>> 0 === (toInt(base ?? '') & mask) >>> 0;
}

function toInt(ip: string): number {
  return ip.split('.').reduce((n, octet) => ((n << 8) >>> 0) + Number(octet), 0);
}
