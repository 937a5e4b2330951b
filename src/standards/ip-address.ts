/**
 * Literal IP addresses, read the way the code wheelhouse agrees with reads them. One IPv4 parser,
 * two forms, because pip itself reads addresses two ways:
 *
 * - `'python'` — Python's `ipaddress.IPv4Address` (Python ≥ 3.9.5): exactly four decimal octets
 *   0–255, no leading zeros, nothing else (`01.2.3.4`, `127.1`, `0x7f.0.0.1`, `1.2.3.4.` are no
 *   address). pip's secure-origin / `--trusted-host` matching (`PipSession.is_secure_origin`,
 *   `ipaddress.ip_address(host)` on the host as written in the URL).
 * - `'inet_aton'` — POSIX `inet_aton` as glibc implements it (what `socket.inet_aton` calls): one
 *   to four parts separated by `.`, each decimal, octal (a leading `0`) or hexadecimal (`0x`); the
 *   last part fills the remaining bytes (`127.1` is 127.0.0.1, `1.2.3` is 1.2.0.3, `1` is 0.0.0.1);
 *   a part out of its range, an empty part (`1..2`, a trailing dot), a bare `0x`, `08` refuse the
 *   text; a whitespace character ends the address (what follows it is ignored, as glibc does).
 *   requests' NO_PROXY networks (`is_valid_cidr`, `address_in_network`, `is_ipv4_address`, pip's
 *   vendored requests/utils.py).
 *
 * The WHATWG URL parser (Node's `URL`, which undici connects by) canonicalises an IPv4 host of a
 * URL to four decimal octets, so a host taken from a `URL` object reads the same in both forms.
 * IPv6: Python's `ipaddress.IPv6Address` (`::` once, an embedded IPv4 tail in the `'python'` form,
 * a `%scope` suffix ignored).
 */

export type IPv4Form = 'python' | 'inet_aton';

/** The largest value of the last part when the address has `parts` parts (inet_aton). */
const LAST_PART_MAX = [0, 0xffffffff, 0xffffff, 0xffff, 0xff];

/** One inet_aton part: decimal, octal (leading 0) or hex (0x); undefined when malformed. */
function inetAtonPart(p: string): number | undefined {
  let digits: RegExp;
  let radix: number;
  let body = p;
  if (/^0[xX]/.test(p)) {
    body = p.slice(2);
    digits = /^[0-9a-fA-F]+$/;
    radix = 16;
  } else if (p.startsWith('0')) {
    digits = /^[0-7]+$/;
    radix = 8;
  } else {
    digits = /^[0-9]+$/;
    radix = 10;
  }
  if (!digits.test(body)) return undefined;
  const n = parseInt(body, radix);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** An IPv4 address in the given form (see the module comment) as an unsigned 32-bit number. */
export function parseIPv4(text: string, form: IPv4Form): number | undefined {
  if (form === 'python') {
    const parts = text.split('.');
    if (parts.length !== 4) return undefined;
    let n = 0;
    for (const p of parts) {
      if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
      const octet = Number(p);
      if (octet > 255) return undefined;
      n = n * 256 + octet;
    }
    return n;
  }
  const space = text.search(/[ \t\n\v\f\r]/);
  const parts = (space < 0 ? text : text.slice(0, space)).split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const p of parts) {
    const v = inetAtonPart(p);
    if (v === undefined) return undefined;
    values.push(v);
  }
  const last = values.pop()!;
  if (last > LAST_PART_MAX[parts.length]! || values.some((v) => v > 255)) return undefined;
  let n = 0;
  for (const v of values) n = n * 256 + v;
  return n * 2 ** (8 * (4 - values.length)) + last;
}

/** An IPv6 address as Python's `ipaddress.IPv6Address` reads it (a `%scope` suffix ignored). */
export function parseIPv6(text: string): bigint | undefined {
  const address = text.replace(/%[^%]+$/, '');
  if (!address.includes(':')) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): bigint[] | undefined => {
    if (s === '') return [];
    const out: bigint[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p, 'python');
        if (v4 === undefined) return undefined;
        out.push(BigInt(v4 >>> 16), BigInt(v4 & 0xffff));
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(BigInt(`0x${p}`));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let n = 0n;
  for (const g of [...head, ...Array<bigint>(missing).fill(0n), ...tail]) n = (n << 16n) | g;
  return n;
}

/** Python's `ipaddress.ip_address`: `{ v: 4 | 6, n }` for a literal address, else undefined. */
export function pythonIpAddress(text: string): { v: 4 | 6; n: bigint } | undefined {
  const v4 = parseIPv4(text, 'python');
  if (v4 !== undefined) return { v: 4, n: BigInt(v4) };
  const v6 = parseIPv6(text);
  return v6 !== undefined ? { v: 6, n: v6 } : undefined;
}

/**
 * requests' `is_valid_cidr` + `address_in_network`: whether the IPv4 `host` lies in `network`
 * (`a.b.c.d/n`, the address read by inet_aton, the mask as Python's `int()` reads it, 1–32).
 * Undefined when `network` is no such network (requests then compares the entry as a host name).
 */
export function inIPv4Network(host: string, network: string): boolean | undefined {
  const slash = network.split('/');
  if (slash.length !== 2) return undefined;
  const maskText = slash[1]!.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(maskText)) return undefined;
  const mask = Number(maskText.replaceAll('_', ''));
  if (mask < 1 || mask > 32) return undefined;
  const net = parseIPv4(slash[0]!, 'inet_aton');
  if (net === undefined) return undefined;
  const h = parseIPv4(host, 'inet_aton');
  if (h === undefined) return false;
  const size = 2 ** (32 - mask);
  return Math.floor(h / size) === Math.floor(net / size);
}
