/**
 * netrc read as pip reads it (review 2 of session 12, #9): the same files parsed by CPython's
 * `netrc` module (this machine's python3, which pip's requests uses: the login, else the account,
 * and the password of `authenticators(host)`; nothing at all when the module refuses the file)
 * and by src/index/netrc.ts must give the same (login, password) for every host. Hand-written
 * cases cover each rule; generated files mix them.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { netrcLookup, parseNetrc } from '../../src/index/netrc.js';

const HOSTS = ['h', 'g', 'k', 'nowhere'];

type Answer = [string, string] | null;

/** Python's answers: for each text, host → [login or account, password] or null. */
function pythonAnswers(texts: string[]): Record<string, Answer>[] {
  const script = `
import json, netrc, os, sys, tempfile
texts, hosts = json.load(sys.stdin)
out = []
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, 'netrc')
    for text in texts:
        with open(path, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        try:
            n = netrc.netrc(path)
        except netrc.NetrcParseError:
            out.append({h: None for h in hosts})
            continue
        answers = {}
        for h in hosts:
            a = n.authenticators(h)
            answers[h] = None if a is None else [a[0] or a[1], a[2]]
        out.append(answers)
json.dump(out, sys.stdout)
`;
  const run = spawnSync('python3', ['-c', script], {
    input: JSON.stringify([texts, HOSTS]),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, Answer>[];
}

function ourAnswers(text: string): Record<string, Answer> {
  const n = parseNetrc(text);
  const out: Record<string, Answer> = {};
  for (const h of HOSTS) {
    const c = netrcLookup(n, h);
    out[h] = c === undefined ? null : [c.login, c.password];
  }
  return out;
}

const CASES = [
  // review 2's two findings
  'machine h login a password #abc\n',
  'machine h login a password first\nmachine h login b password second\n',
  // comments where a keyword is expected
  '# top comment\nmachine h login a password p\n',
  '  # indented\nmachine h login a password p\n',
  '\n# after a blank line: not a comment line here\nmachine h login a password p\n',
  '#x machine h login a password p\n',
  '# a\n#b c\nmachine h login a password p\n',
  'machine h login a # rest of line\n password p\n',
  'machine h login a password p #x login b\n',
  'machine h login a password p\n  #x login b\n',
  'machine h login a password p\n#\n login b\n',
  'machine h login a password p #\n login b\n',
  'machine h login a password p\n\n# c d\n',
  'machine h login a password "p"\n  #x login b\n',
  'machine h login a password p "#\n" login b\n',
  'machine h login a password p \\#x login b\n',
  'machine h login a password p #x\\\nlogin b\n',
  'machine h login # password p\n',
  'machine h login a#b password p#q\n',
  // quoting and escapes
  'machine h login "a b" password "p q"\n',
  'machine h login a password "p\\"q"\n',
  'machine h login a password p\\ q\n',
  "machine h login a password 'x y'\n",
  'machine h login a password "unterminated\n',
  'machine h login "a"password p\n',
  'machine h login a"b c"\n',
  'machine h login a password a"b"c\n',
  'machine h login a password "a\\nb"\n',
  'machine h login a password \\\n',
  'machine h login a password p\\',
  'machine h login a "" password p\nmachine g login b password q\n',
  'machine h login a password ""\nmachine g login b password q\n',
  // line ends, separators
  'machine h\tlogin\ta\tpassword\tp\r\nmachine g login b password q\r\n',
  'machine h login a password p\r#x login b\r',
  'machine h login a password p\vq\fr\n',
  'machine h login \u00e9 password p\u00a0q\n',
  // entries
  'machine h login a\n',
  'machine h password p\n',
  'machine h account acc password p\n',
  'machine h user u password p\n',
  'machine h login a password p login\n',
  'machine h login a password p\nmachine h login b\n',
  'default login d password dp\nmachine h login a password p\n',
  'default login d password dp\ndefault login e password ep\n',
  'machine default login a password p\n',
  'machine DEFAULT login a password p\n',
  'default login d password e\nmachine DEFAULT login a password p\n',
  'machine h\n',
  'default\n',
  '',
  // macdef
  'machine h login a password p macdef m\nline1\nline2\n\nmachine g login b password q\n',
  'machine h login a password p macdef m\nmachine g login b password q\n\nmachine k login c password r\n',
  'macdef m extra\nbody\n\nmachine h login a password p\n',
  'macdef m\nx\n   \nmachine h login a password p\n',
  'macdef "m"\nbody text\n\nmachine h login a password p\n',
  'machine h login a password p macdef m\n',
  'machine h login a password p macdef m\n\n',
  // refused files: pip takes nothing from them
  'machine h login a password p bogus x\n',
  'login x password y\n',
  'machine h login a password p machine\n',
  'machine "" login a password p\n',
  '\ufeffmachine h login a password p\n',
];

/** Deterministic files mixing entries, values, comments, quotes and separators. */
function generated(count: number): string[] {
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = <T>(xs: T[]): T => xs[next(xs.length)]!;
  const values = ['a', 'p', '#v', '"q r"', '""', '"#"', 'x\\ y', '\\#z', 'p#q', 'machine', 'g', '"a\\"b"'];
  const separators = [' ', ' ', ' ', '\t', '\n', '\n', '\r\n', '\n\n', '\r', ' \\\n'];
  const comments = ['#', '# c', '#c', '#c d', '"#"'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    const entries = 1 + next(4);
    for (let e = 0; e < entries; e++) {
      const head = next(10);
      if (head === 0) words.push('default');
      else if (head === 1) words.push('macdef', 'm', ...(next(2) === 0 ? ['\n\n'] : []));
      else words.push('machine', pick(['h', 'g', 'k', 'h']));
      const fields = next(4);
      for (let f = 0; f < fields; f++) {
        if (next(5) === 0) words.push(pick(comments));
        words.push(pick(['login', 'password', 'account', 'user', 'password']), pick(values));
      }
      if (next(12) === 0) words.push(pick(['bogus', '"login"', '']));
    }
    let text = next(6) === 0 ? pick(comments) + pick(separators) : '';
    for (const w of words) text += w + pick(separators);
    out.push(text);
  }
  return out;
}

describe('netrc against Python 3.11 netrc', () => {
  it('agrees on every hand-written case', () => {
    const python = pythonAnswers(CASES);
    for (const [i, text] of CASES.entries()) expect([text, ourAnswers(text)]).toEqual([text, python[i]]);
    // The one difference kept: machine names match without case (Python compares them as
    // written; a URL's host is lower-cased here).
    expect(
      netrcLookup(parseNetrc('machine PyPI.Corp.Example login a password p\n'), 'pypi.corp.example'),
    ).toEqual({
      login: 'a',
      password: 'p',
    });
  });

  it('agrees on 1,000 generated files', () => {
    const texts = generated(1000);
    const python = pythonAnswers(texts);
    let refused = 0;
    for (const [i, text] of texts.entries()) {
      expect([text, ourAnswers(text)]).toEqual([text, python[i]]);
      if (Object.values(python[i]!).every((a) => a === null)) refused++;
    }
    // The mix holds files Python reads and files it refuses, not only one kind.
    expect(refused).toBeGreaterThan(50);
    expect(refused).toBeLessThan(950);
  });

  it('says why a refused file gives nothing', () => {
    expect(parseNetrc('machine h login a password p bogus\n')).toEqual({
      machines: new Map(),
      error: 'bad follower token "bogus"',
    });
  });
});
