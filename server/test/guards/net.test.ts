/**
 * Addresses and networks as the safety list and the outbound guard compare them
 * (engine/net.ts). A protected IP written one way must match the same address written
 * any other way, and text that is not an address must never parse as one (it would
 * match, or escape, the wrong entry).
 */
import { describe, expect, it } from 'vitest';
import { contains, parseAddress, parseNetwork, sameAddress, type Address } from '../../src/engine/net';

const v4 = (a: number, b: number, c: number, d: number): Address => ({
  family: 4,
  value: (BigInt(a) << 24n) | (BigInt(b) << 16n) | (BigInt(c) << 8n) | BigInt(d),
});
const v6 = (hex: string): Address => ({ family: 6, value: BigInt(`0x${hex.replaceAll(':', '')}`) });

describe('guards, addresses: what parses, and as what', () => {
  it.each([
    ['203.0.113.7', v4(203, 0, 113, 7)],
    ['  203.0.113.7\n', v4(203, 0, 113, 7)],
    ['0.0.0.0', v4(0, 0, 0, 0)],
    ['255.255.255.255', v4(255, 255, 255, 255)],
    ['2001:db8::1', v6('2001:0db8:0000:0000:0000:0000:0000:0001')],
    ['2001:DB8::1', v6('2001:0db8:0000:0000:0000:0000:0000:0001')],
    ['[2001:db8::1]', v6('2001:0db8:0000:0000:0000:0000:0000:0001')],
    ['fe80::1%eth0', v6('fe80:0000:0000:0000:0000:0000:0000:0001')],
    ['::', v6('0')],
    ['::1', v6('1')],
    ['1::', v6('0001:0000:0000:0000:0000:0000:0000:0000')],
    ['1:2:3:4:5:6:7:8', v6('0001:0002:0003:0004:0005:0006:0007:0008')],
    ['1:0:0:0:0:0:0:8', v6('0001:0000:0000:0000:0000:0000:0000:0008')],
    ['1::7:8', v6('0001:0000:0000:0000:0000:0000:0007:0008')],
    // IPv4-mapped: the IPv4 address itself, in either notation.
    ['::ffff:203.0.113.7', v4(203, 0, 113, 7)],
    ['::FFFF:cb00:7107', v4(203, 0, 113, 7)],
    // IPv4-compatible (deprecated) and other embeddings stay IPv6.
    ['::203.0.113.7', v6('cb007107')],
    ['1:2:3:4:5:6:1.2.3.4', v6('0001:0002:0003:0004:0005:0006:0102:0304')],
    ['64:ff9b::10.0.0.1', v6('0064:ff9b:0000:0000:0000:0000:0a00:0001')],
  ])('when %j is parsed then it is that address', (text, want) => {
    expect(parseAddress(text)).toEqual(want);
  });

  it.each([
    '',
    'example.com',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.256',
    '01.2.3.4',
    '1.2.3.04',
    '1.2.3.-4',
    '1.2.3.4/32',
    'a.b.c.d',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '1::2::3',
    ':1',
    '1:2:3:4:5:6:7:',
    '12345::1',
    'g::1',
    '::ffff:1.2.3.256',
    '::1.2.3',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('when %j is parsed then it is not an address', (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });

  it('when an IPv4 address and its mapped IPv6 form are compared then they are the same; its compatible form is not', () => {
    const plain = parseAddress('203.0.113.7');
    const mapped = parseAddress('::ffff:203.0.113.7');
    const compatible = parseAddress('::203.0.113.7');
    if (!plain || !mapped || !compatible) throw new Error('should parse');

    expect(sameAddress(plain, mapped)).toBe(true);
    expect(sameAddress(plain, compatible)).toBe(false);
    expect(sameAddress(plain, v4(203, 0, 113, 8))).toBe(false);
  });
});

describe('guards, networks: what parses, and what they contain', () => {
  it.each([
    ['10.0.0.0/8', { ...v4(10, 0, 0, 0), prefix: 8 }],
    [' 10.0.0.0/8 ', { ...v4(10, 0, 0, 0), prefix: 8 }],
    ['10.0.0.7', { ...v4(10, 0, 0, 7), prefix: 32 }],
    ['0.0.0.0/0', { ...v4(0, 0, 0, 0), prefix: 0 }],
    ['10.0.0.0/32', { ...v4(10, 0, 0, 0), prefix: 32 }],
    ['2001:db8::/32', { ...v6('2001:0db8:0000:0000:0000:0000:0000:0000'), prefix: 32 }],
    ['::1', { ...v6('1'), prefix: 128 }],
    ['::/128', { ...v6('0'), prefix: 128 }],
    // A mapped IPv6 network is the IPv4 network 96 bits shorter.
    ['::ffff:10.0.0.0/104', { ...v4(10, 0, 0, 0), prefix: 8 }],
    ['::ffff:10.0.0.0/96', { ...v4(10, 0, 0, 0), prefix: 0 }],
    ['::ffff:10.0.0.0/128', { ...v4(10, 0, 0, 0), prefix: 32 }],
  ])('when %j is parsed then it is that network', (text, want) => {
    expect(parseNetwork(text)).toEqual(want);
  });

  it.each([
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/',
    '10.0.0.0/1a',
    '10.0.0.0/0008',
    '10.0.0.0/8/8',
    '::/129',
    '::ffff:10.0.0.0/95',
    'example.com/8',
    '/8',
  ])('when %j is parsed then it is not a network', (text) => {
    expect(parseNetwork(text)).toBeUndefined();
  });

  it.each([
    ['10.0.0.0/8', '10.255.1.1', true],
    ['10.0.0.0/8', '10.0.0.0', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['10.0.0.0/8', '9.255.255.255', false],
    ['192.168.10.0/24', '192.168.10.255', true],
    ['192.168.10.0/24', '192.168.11.0', false],
    ['203.0.113.7/32', '203.0.113.7', true],
    ['203.0.113.7/32', '203.0.113.6', false],
    ['0.0.0.0/0', '198.51.100.1', true],
    ['0.0.0.0/0', '::1', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['::ffff:10.0.0.0/104', '10.1.2.3', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::', false],
    ['::/0', '2001:db8::1', true],
    ['::/0', '10.0.0.1', false],
    ['::1/128', '::1', true],
    ['::1/128', '::2', false],
  ])('when %s is asked about %s then it contains it: %s', (net, address, want) => {
    const n = parseNetwork(net);
    const a = parseAddress(address);
    if (!n || !a) throw new Error('should parse');

    expect(contains(n, a)).toBe(want);
  });
});
