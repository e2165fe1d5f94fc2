/**
 * The outbound address policy, as a table: every IPv6 form that reaches this machine, its
 * private networks or the metadata service is refused, including the forms that embed an
 * IPv4 address (IPv4-compatible, mapped, translated, NAT64, 6to4, Teredo); public
 * addresses, in either family, pass.
 */
import type { lookup as dnsLookup } from 'node:dns';
import { afterAll, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../src/adapters/address-policy';
import { createHttpClient, type HttpClient } from '../../src/adapters/http-client';

// Made in each test, not once per file: the mutation tests switch a mutant on after files load.
const policy = () => createAddressPolicy([]);

describe('outbound address policy', () => {
  it.each([
    // IPv4: each refused range, by an address inside it.
    ['0.1.2.3', 'a "this network" address'],
    ['10.1.2.3', 'a private (RFC 1918) address'],
    ['100.127.255.254', 'a carrier-grade NAT address'],
    ['127.0.0.2', 'a loopback address'],
    ['169.254.169.254', 'a link-local address (cloud metadata lives here)'],
    ['172.31.255.255', 'a private (RFC 1918) address'],
    ['192.0.0.8', 'an IETF protocol address'],
    ['192.168.1.1', 'a private (RFC 1918) address'],
    ['198.19.0.1', 'a benchmarking address'],
    ['239.1.1.1', 'a multicast address'],
    ['250.0.0.1', 'a reserved address'],
    // IPv4-compatible (::/96): the IPv4 address in the last 32 bits, whatever it is.
    ['::7f00:1', 'an IPv4-compatible address'],
    ['::127.0.0.1', 'an IPv4-compatible address'],
    ['::a9fe:a9fe', 'an IPv4-compatible address'],
    ['::808:808', 'an IPv4-compatible address'],
    // IPv4-mapped (::ffff:0:0/96): judged as the IPv4 address.
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['::ffff:a00:1', 'a private (RFC 1918) address'],
    // IPv4-translated (SIIT, ::ffff:0:0:0/96).
    ['::ffff:0:7f00:1', 'an IPv4-translated address'],
    // NAT64, well-known and local-use prefixes.
    ['64:ff9b::10.0.0.1', 'a NAT64 address'],
    ['64:ff9b::7f00:1', 'a NAT64 address'],
    ['64:ff9b:1::a00:1', 'a local-use NAT64 address'],
    // 6to4 (2002::/16) of private IPv4 addresses.
    ['2002:7f00:1::', 'a 6to4 address embedding 127.0.0.1, a loopback address'],
    ['2002:a9fe:a9fe::1', 'a 6to4 address embedding 169.254.169.254, a link-local address'],
    ['2002:c0a8:101::42', 'a 6to4 address embedding 192.168.1.1, a private (RFC 1918) address'],
    // Teredo (2001::/32): the server's IPv4 address, and the client's inverted.
    ['2001:0:7f00:1::', 'a Teredo address embedding 127.0.0.1, a loopback address'],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'a Teredo address embedding 10.0.0.1, a private (RFC 1918) address'],
    // Native IPv6 forms of loopback, unspecified, private, link-local and metadata.
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['::', 'the unspecified address'],
    ['fd00:ec2::254', 'a unique local (private) address'],
    ['fec0::1', 'a site-local (private) address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['100::1', 'a discard-only address'],
    ['ff02::1', 'a multicast address'],
  ])('when a call goes to %s then it is refused as %s', (ip, why) => {
    expect(policy().refusal(ip, ip)).toContain(`${ip} is ${why}`);
  });

  it.each([
    '8.8.8.8',
    // Just outside the IPv4 ranges above.
    '11.0.0.1',
    '100.128.0.1',
    '172.32.0.1',
    '192.0.1.1',
    '198.20.0.1',
    '223.255.255.255',
    '::ffff:8.8.8.8',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ])('when a call goes to the public address %s then it passes', (ip) => {
    expect(policy().refusal(ip, ip)).toBeUndefined();
  });

  it('when the address is not an IP address then the call is refused as such', () => {
    expect(policy().refusal('not-an-ip', 'x.test')).toBe('"not-an-ip" is not an IP address');
  });

  it('when OUTBOUND_ALLOW lists a host in another case, with spaces and a final dot, then that host passes', () => {
    const allowing = createAddressPolicy(['  Firewall.Example.COM.  ']);
    expect(allowing.hostAllowed('firewall.example.com')).toBe(true);
    expect(allowing.hostAllowed('FIREWALL.example.com.')).toBe(true);
    expect(allowing.refusal('10.0.0.7', 'firewall.example.com')).toBeUndefined();
    expect(allowing.hostAllowed('other.example.com')).toBe(false);
    expect(allowing.refusal('10.0.0.7', 'other.example.com')).toContain('a private (RFC 1918) address');
  });

  it('when OUTBOUND_ALLOW lists *.suffix then its subdomains pass and the bare or look-alike names do not', () => {
    const allowing = createAddressPolicy(['*.Corp.Example']);
    expect(allowing.hostAllowed('edr.corp.example')).toBe(true);
    expect(allowing.hostAllowed('A.B.CORP.EXAMPLE.')).toBe(true);
    expect(allowing.hostAllowed('corp.example')).toBe(false);
    expect(allowing.hostAllowed('evilcorp.example')).toBe(false);
  });

  it('when OUTBOUND_ALLOW lists an IPv4 network then addresses in it pass and others stay refused', () => {
    const allowing = createAddressPolicy([' 10.20.0.0/16 ', '']);
    expect(allowing.refusal('10.20.3.4', 'fw')).toBeUndefined();
    expect(allowing.refusal('10.21.3.4', 'fw')).toContain('a private (RFC 1918) address');
    expect(allowing.hostAllowed('')).toBe(false);
  });

  it('when OUTBOUND_ALLOW lists an IPv6 network then an address in it passes', () => {
    expect(createAddressPolicy(['2002:c0a8:101::/48']).refusal('2002:c0a8:101::42', 'fw')).toBeUndefined();
  });
});

describe('outbound HTTP to IPv6 literals and names', () => {
  const clients: HttpClient[] = [];
  afterAll(() => Promise.all(clients.map((c) => c.close())));
  const resolvesTo = (address: string) =>
    ((_host: string, _opts: object, cb: (e: Error | null, a: { address: string; family: number }[]) => void) =>
      cb(null, [{ address, family: 6 }])) as unknown as typeof dnsLookup;
  const client = (lookup?: typeof dnsLookup) => {
    const c = createHttpClient({ allow: [], connectTimeoutMs: 1_000, ...(lookup ? { lookup } : {}) });
    clients.push(c);
    return c;
  };

  it.each([
    'http://[::7f00:1]/',
    'http://[::127.0.0.1]:3000/',
    'http://[::ffff:0:7f00:1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:a9fe:a9fe::]/latest/meta-data/',
  ])('when a step calls %s then the call is refused before connecting', async (url) => {
    await expect(client().request({ method: 'GET', url })).rejects.toThrow(
      /^outbound call refused: \[[0-9a-f:]+\] is an? [a-z0-9 -]+ address/i,
    );
  });

  it('when a name resolves to an IPv4-compatible address then the resolved address is refused', async () => {
    await expect(client(resolvesTo('::7f00:1')).request({ method: 'GET', url: 'http://sneaky.test/' })).rejects.toThrow(
      'sneaky.test resolves to ::7f00:1 is an IPv4-compatible address',
    );
  });
});
