/** `wheelhouse --help` and `wheelhouse <command> --help` texts, built from the option table. */
import { OPTION_SPECS, type Command } from './option-specs.js';

const USAGE: Record<Command, string> = {
  resolve:
    'wheelhouse resolve -r FILE… [--extra NAME]… [--all-extras] [--group NAME]… [--index-url U]\n' +
    '    [--extra-index-url U]… [--find-links P]… [--trusted-host H]… [--no-index] [--pre]\n' +
    '    [--only-binary X] [--no-binary X] [--python-version 3.X[.Y]] [--platform TAG]… [--implementation cp]\n' +
    '    [--abi TAG]… [--index-strategy first-index|unsafe-best-match] [--lock FILE] [--report FILE]\n' +
    '    [--pylock FILE] [--quiet|--verbose]',
  fetch:
    'wheelhouse fetch -r FILE… --dest DIR [--cache-dir DIR] [--no-cache] [--clean] [--concurrency N] [resolve options]',
  install:
    'wheelhouse install -r FILE… [--python PATH] [--compile] [--reinstall] [--installer native|pip]\n' +
    '    [--break-system-packages] [--dest DIR] [fetch options]',
};

const ABOUT: Record<Command, string> = {
  resolve:
    'Resolve the requirement files from wheel metadata alone and write a hash-pinned lock, a pip report\n' +
    'and/or a PEP 751 pylock.toml. Nothing is installed and no wheel is downloaded unless an index offers\n' +
    'neither PEP 658 metadata nor range requests.\n\n' +
    'FILE is a pip requirements file, a pyproject.toml (PEP 621 dependencies; --extra/--all-extras\n' +
    'add optional dependencies, --group PEP 735 dependency groups), or a lock file: uv.lock (version 1)\n' +
    'or pylock.toml (PEP 751), whose packages are selected for the target without any resolution.',
  fetch:
    'Resolve, restore the newest local cache entry for the target, verify every cached wheel by sha256,\n' +
    'download only what is missing (in parallel) into --dest, write requirements.lock, report.json and\n' +
    'pylock.toml there, and save the cache entry. Then:\n' +
    '  pip install --no-index --find-links DIR --require-hashes -r DIR/requirements.lock\n' +
    '(or let wheelhouse install do both).',
  install:
    "Fetch (as wheelhouse fetch) and install into one Python environment: pip's command line with\n" +
    '`python -m pip install` swapped for `wheelhouse install`, e.g.\n' +
    '  wheelhouse install --no-index --find-links WH --require-hashes -r WH/requirements.lock --python .venv/bin/python\n' +
    'The interpreter (--python, else $VIRTUAL_ENV, else python3/python on PATH) also decides the target.\n' +
    'Each wheel is installed as soon as its sha256 is verified, in parallel with the downloads; a\n' +
    'distribution already installed at the resolved version is left alone (unless --reinstall), one\n' +
    'at another version is replaced. Nothing is byte-compiled unless --compile is given.',
};

const EXIT =
  'Exit status: 0 success, 1 the requirements cannot be satisfied (explanation on stderr),\n' +
  '2 bad input (file:line for requirement files) or an unreachable index / failed download.';

export function commandHelp(command: Command): string {
  const rows = OPTION_SPECS.filter((s) => s.only === undefined || s.only.includes(command)).map((s) => {
    const names = `${s.short !== undefined ? `-${s.short}, ` : '    '}--${s.long}${s.value !== undefined ? ` ${s.value}` : ''}`;
    return { names, help: s.help };
  });
  const width = Math.min(44, Math.max(...rows.map((r) => r.names.length)) + 2);
  const lines = rows.map((r) =>
    r.names.length + 2 > width
      ? `  ${r.names}\n  ${' '.repeat(width)}${r.help}`
      : `  ${r.names.padEnd(width)}${r.help}`,
  );
  return `Usage: ${USAGE[command]}\n\n${ABOUT[command]}\n\nOptions:\n${lines.join('\n')}\n\n${EXIT}\n`;
}

export function generalHelp(): string {
  return (
    'Usage: wheelhouse <command> [options]\n\n' +
    'Commands:\n' +
    '  resolve   Resolve requirement files into a lock (and report/pylock), from metadata only.\n' +
    '  fetch     Resolve and fill a wheelhouse for pip install --no-index, with a local cache.\n' +
    '  install   Fetch and install into a Python environment (pip install, faster).\n' +
    '  store     Maintain the S3 wheel store (wheelhouse store prune --help).\n\n' +
    'Options:\n' +
    '  -h, --help      Show help (wheelhouse <command> --help for a command).\n' +
    '  -V, --version   Show the version.\n\n' +
    `${EXIT}\n`
  );
}
