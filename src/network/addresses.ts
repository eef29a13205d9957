// Which IP addresses a request may reach when private addresses are not allowed: public unicast
// only. Everything in the IANA special-purpose registries that is not globally reachable is refused
// (RFC 6890 and its updates), and so are addresses that embed one (IPv4-mapped, NAT64, 6to4).

type Range = readonly [base: number, bits: number];

// IPv4 ranges as [network as a 32-bit number, prefix length].
const IPV4_NOT_PUBLIC: readonly Range[] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata services live here)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0586300, 24], // 6to4 relay anycast
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, and the broadcast address
];

/** The address as a 32-bit number when `text` is a dotted-quad IPv4 address. */
function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** The eight 16-bit groups when `text` is an IPv6 address (a zone such as `%eth0` is ignored). */
function parseIpv6(text: string): number[] | undefined {
  let body = text.replace(/%.*$/, '');
  const groups: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4) {
    const n = parseIpv4(v4[1] as string);
    if (n === undefined) return undefined;
    body = `${body.slice(0, v4.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const read = (part: string) => (part === '' ? [] : part.split(':'));
  const head = read(halves[0] as string);
  const tail = halves.length === 2 ? read(halves[1] as string) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  for (const group of [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

function inRanges(address: number, ranges: readonly Range[]): boolean {
  return ranges.some(([base, bits]) => Math.floor(address / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

function ipv4IsPublic(address: number): boolean {
  return !inRanges(address, IPV4_NOT_PUBLIC);
}

function ipv6IsPublic(g: number[]): boolean {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  const embedded = (hi: number, lo: number) => ipv4IsPublic(hi * 65536 + lo);
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0) {
    if (f === 0xffff) return embedded(h, i); // IPv4-mapped ::ffff:a.b.c.d
    return false; // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  }
  if (a === 0x64 && b === 0xff9b) return c === 0 && d === 0 && e === 0 && f === 0 ? embedded(h, i) : false; // NAT64
  if (a === 0x2002) return embedded(b, c); // 6to4 carries the IPv4 address in bits 16-47
  if ((a & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80 || (a & 0xffc0) === 0xfec0) return false; // link-local, old site-local
  if ((a & 0xff00) === 0xff00) return false; // multicast
  if (a === 0x2001 && b === 0x0db8) return false; // documentation
  if (a === 0x0100 && b === 0 && c === 0 && d === 0) return false; // discard-only
  if (a === 0x2001 && b < 0x0200) return false; // IETF protocol assignments (Teredo, ORCHID, benchmarking)
  return (a & 0xe000) === 0x2000; // global unicast is 2000::/3; the rest is unassigned or reserved
}

/** The IP address a URL host names (`127.0.0.1`, `[::1]`), or undefined for a host name. */
export function ipLiteralOf(host: string): string | undefined {
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  return parseIpv4(host) === undefined ? undefined : host;
}

/** True when `address` (IPv4 or IPv6 text) is a public unicast address; false for anything else, including text that is not an address. */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return ipv4IsPublic(v4);
  const v6 = parseIpv6(address);
  return v6 !== undefined && ipv6IsPublic(v6);
}

/** Host names that mean this machine whatever the resolver says (RFC 6761 §6.3). */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
