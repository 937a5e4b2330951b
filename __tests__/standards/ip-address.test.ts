/**
 * The one IPv4 parser (src/standards/ip-address.ts) in its two forms, against the machine's Python:
 * `'python'` as `ipaddress.ip_address` (pip's secure origins), `'inet_aton'` as `socket.inet_aton`
 * (requests' NO_PROXY networks); IPv6 as `ipaddress.IPv6Address`; networks as requests'
 * `is_valid_cidr` + `address_in_network`.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { inIPv4Network, parseIPv4, parseIPv6 } from '../../src/standards/ip-address.js';

const V4 = [
  '1.2.3.4',
  '0.0.0.0',
  '255.255.255.255',
  // leading zeros: octal for inet_aton, no address for Python
  '01.2.3.4',
  '010.0.0.1',
  '00000000001.2.3.4',
  '127.000.000.001',
  '08.1.1.1',
  '09',
  // hex
  '0x7f.1',
  '0x7F.0.0.1',
  '0x000000001.2.3.4',
  '0xffffffff',
  '0x',
  '0x.1.1.1',
  '1.2.3.0x',
  // fewer parts: the last fills the remaining bytes
  '127.1',
  '1.2.3',
  '1',
  '4294967295',
  '4294967296',
  '1.2.65535',
  '1.2.65536',
  '1.16777215',
  '1.16777216',
  // trailing dot, empty parts, signs, out of range
  '1.2.3.4.',
  '.1.2.3',
  '1..2.3',
  '',
  '1.2.3.256',
  '256.1.2.3',
  '1.2.3.-1',
  '+1.2.3.4',
  '1.2.3.4.5',
  // whitespace: glibc stops at it
  '1.2.3.4 ',
  '1.2.3.4 junk',
  '1.2.3.4\tx',
  ' 1.2.3.4',
  '1.2.3.4/8',
  'a.b.c.d',
  '١.٢.٣.٤',
];

const V6 = [
  '::1',
  '::',
  '1::',
  '2001:db8::7',
  '2001:db8:0:0:0:0:0:7',
  '::ffff:127.0.0.1',
  '::ffff:127.1',
  '::ffff:01.2.3.4',
  '::ffff:a00:9',
  'fe80::1%eth0',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:7::8',
  '1::2::3',
  '12345::',
  'g::1',
  '1.2.3.4',
];

const NETWORKS: [string, string][] = [
  ['10.1.2.3', '10.0.0.0/8'],
  ['8.1.2.3', '010.0.0.0/8'],
  ['10.1.2.3', '0x0a.0.0.0/8'],
  ['127.0.0.1', '127.1/32'],
  ['1.2.0.3', '1.2.3/32'],
  ['10.1.2.3', '10/8'],
  ['10.1.2.3', '10.0.0.0./8'],
  ['10.1.2.3', '10.0.0.0/08'],
  ['10.1.2.3', '10.0.0.0/+8'],
  ['10.1.2.3', '10.0.0.0/1_6'],
  ['10.1.2.3', '10.0.0.0/0'],
  ['10.1.2.3', '10.0.0.0/33'],
  ['10.1.2.3', '10.0.0.0/x'],
  ['10.1.2.3', '10.0.0.0'],
  ['10.1.2.3', '10.0.0.0/8/8'],
  ['172.31.255.255', '172.16.0.0/12'],
  ['172.32.0.1', '172.16.0.0/12'],
];

function python(script: string, input: unknown): unknown {
  return JSON.parse(
    execFileSync('python3', ['-c', script, JSON.stringify(input)], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
    }),
  );
}

describe('IPv4 in both forms, as Python reads it', () => {
  it("'python' is ipaddress.ip_address, 'inet_aton' is socket.inet_aton", () => {
    const theirs = python(
      [
        'import ipaddress, json, socket, struct, sys',
        'def aton(t):',
        '    try: return struct.unpack("!L", socket.inet_aton(t))[0]',
        '    except OSError: return None',
        'def py(t):',
        '    try:',
        '        a = ipaddress.ip_address(t)',
        '        return int(a) if a.version == 4 else None',
        '    except ValueError: return None',
        'print(json.dumps([[py(t), aton(t)] for t in json.loads(sys.argv[1])]))',
      ].join('\n'),
      V4,
    ) as [number | null, number | null][];
    const ours = V4.map((t) => [parseIPv4(t, 'python') ?? null, parseIPv4(t, 'inet_aton') ?? null]);
    expect(ours).toEqual(theirs);
    // The cases tell the forms apart.
    expect(theirs.filter(([p, a]) => p === null && a !== null).length).toBeGreaterThan(10);
  });
});

describe('IPv6, as ipaddress.IPv6Address reads it', () => {
  it('the same numbers', () => {
    const theirs = python(
      [
        'import ipaddress, json, sys',
        'def v6(t):',
        '    try: return str(int(ipaddress.IPv6Address(t)))',
        '    except ValueError: return None',
        'print(json.dumps([v6(t) for t in json.loads(sys.argv[1])]))',
      ].join('\n'),
      V6,
    ) as (string | null)[];
    expect(V6.map((t) => parseIPv6(t)?.toString() ?? null)).toEqual(theirs);
  });
});

describe("NO_PROXY networks, as requests' is_valid_cidr + address_in_network", () => {
  it('the same answers', () => {
    const theirs = python(
      [
        'import json, sys',
        'from pip._vendor.requests.utils import address_in_network, is_valid_cidr',
        'print(json.dumps([(address_in_network(h, n) if is_valid_cidr(n) else None) for h, n in json.loads(sys.argv[1])]))',
      ].join('\n'),
      NETWORKS,
    ) as (boolean | null)[];
    expect(NETWORKS.map(([h, n]) => inIPv4Network(h, n) ?? null)).toEqual(theirs);
  });
});
