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

const policy = createAddressPolicy([]);

describe('outbound address policy', () => {
  it.each([
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
    expect(policy.refusal(ip, ip)).toContain(`${ip} is ${why}`);
  });

  it.each([
    '8.8.8.8',
    '::ffff:8.8.8.8',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ])('when a call goes to the public address %s then it passes', (ip) => {
    expect(policy.refusal(ip, ip)).toBeUndefined();
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
