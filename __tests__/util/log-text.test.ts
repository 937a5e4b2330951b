import { describe, expect, it } from '@jest/globals';
import { StderrLogger } from '../../src/cli/stderr-logger.js';
import { escapeLogText } from '../../src/util/log-text.js';

describe('escapeLogText', () => {
  it('writes terminal controls, C1 controls and format characters as visible escapes', () => {
    expect(escapeLogText('a\u001b[2Jb\rc\u0000d\u009be\u202ef\u2028g\u007f')).toBe(
      'a\\x1b[2Jb\\x0dc\\x00d\\x9be\\u{202e}f\\u{2028}g\\x7f',
    );
  });

  it('keeps newlines and tabs, and defuses a line that would be a workflow command', () => {
    expect(escapeLogText('yanked: bad\n::error::pwned\n  ::add-mask::x\tok')).toBe(
      'yanked: bad\n\\x3a:error::pwned\n  \\x3a:add-mask::x\tok',
    );
    expect(escapeLogText('::stop-commands::tok')).toBe('\\x3a:stop-commands::tok');
  });

  it('leaves ordinary text alone, `::` inside a line included', () => {
    const text = 'License :: OSI Approved; http://[::1]:8080/simple/ ✓ naïve';
    expect(escapeLogText(text)).toBe(text);
  });
});

describe('the CLI logger escapes at every verbosity', () => {
  it.each(['quiet', 'normal', 'verbose'] as const)('%s', (verbosity) => {
    let out = '';
    const logger = new StderrLogger({ write: (t: string) => (out += t) }, verbosity);
    const hostile = 'reason \u001b]0;title\u0007\n::error file=x::owned';
    logger.debug(hostile);
    logger.info(hostile);
    logger.warn(hostile);
    logger.error(hostile);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).not.toMatch(/^\s*::/m);
    expect(out).toContain('\\x3a:error file=x::owned');
  });
});

describe("the runner's legacy ##[command] form (review 15a F13)", () => {
  // actions/runner ActionCommand.TryParse finds `##[` anywhere in a line (IndexOf), for every
  // registered command: set-output, add-mask, stop-commands, …
  it.each(['##[set-output name=lock-file;]/tmp/x', 'building… ##[add-mask]secret', 'a ###[stop-commands]t'])(
    '%s no longer holds ##[',
    (line) => {
      const out = escapeLogText(line);
      expect(out).not.toContain('##[');
      expect(out).toContain('#\\x23[');
    },
  );
});
