// Only public unicast addresses may be reached when private ones are not allowed; an address that
// embeds a private IPv4 address (IPv4-mapped, NAT64, 6to4) is as private as the one it embeds.
import { describe, expect, it } from 'vitest';
import { ipLiteralOf, isLocalhostName, isPublicAddress } from '../../src/network/addresses.js';

describe('isPublicAddress', () => {
  it.each([
    '0.0.0.0',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.1',
    '127.0.0.1',
    '127.255.0.9',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.0.0.8',
    '192.0.2.1',
    '192.168.1.1',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '240.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:a00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'fec0::1',
    'ff02::1',
    '2001:db8::1',
    '100::1',
    '2001::1',
    '::127.0.0.1',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:2800:220:1:248:1893:25c8:1946',
    '2a00:1450:4001:81b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each(['', 'example.org', '1.2.3', '1.2.3.256', '1:2:3:4:5:6:7:8:9', '1::2::3', 'gggg::1', '::ffff:999.0.0.1'])(
    '%j is not an address, so not public',
    (text) => {
      expect(isPublicAddress(text)).toBe(false);
    },
  );
});

describe('hosts', () => {
  it('tells IP literals of URL hosts from names (the URL parser has already normalised them)', () => {
    expect(ipLiteralOf(new URL('https://127.1/').hostname)).toBe('127.0.0.1');
    expect(ipLiteralOf(new URL('https://0x7f000001/').hostname)).toBe('127.0.0.1');
    expect(ipLiteralOf(new URL('https://[::FFFF:10.0.0.1]/').hostname)).toBe('::ffff:a00:1');
    expect(ipLiteralOf('pd.example.org')).toBeUndefined();
  });

  it('knows localhost names', () => {
    expect(['localhost', 'LOCALHOST.', 'api.localhost'].every(isLocalhostName)).toBe(true);
    expect(['localhost.example.org', 'mylocalhost'].some(isLocalhostName)).toBe(false);
  });
});
