// Builds one dist/<entry>/index.js per entry with @vercel/ncc, then minifies every emitted chunk.
// With --check, builds into a temporary directory and fails when dist/ differs (stale dist).
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  chmodSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { minifySync } from '@swc/core';
import { eagerFactories } from './eager-factories.mjs';

const entries = ['main', 'post', 'cli'];
const check = process.argv.includes('--check');
const root = new URL('..', import.meta.url).pathname;
const outRoot = check ? mkdtempSync(join(tmpdir(), 'wheelhouse-dist-')) : join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

for (const entry of entries) {
  const out = join(outRoot, entry);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [ncc, 'build', join(root, 'src', `${entry}.ts`), '-o', out, '--license', 'licenses.txt', '-q'],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
  minifyChunks(out);
  eagerFactories(out);
  if (entry === 'cli') chmodSync(join(out, 'index.js'), 0o755);
}

// Start-up (issue 14 §2): V8 scans every byte of a chunk when it is imported, and ncc's own --minify
// shrinks only index.js, not the numbered chunks the CLI loads before its first request. So each
// emitted .js is minified here with swc: identifiers renamed and whitespace/comments dropped, but no
// `compress` (its rewrites rest on assumptions about the code, swc.rs/docs/config-js-minify), function
// and class names kept (stack traces and `.name` stay readable), licence comments (`/*!`, @license)
// kept. Measured in docs/benchmarks.md ("Session 12 — start-up").
function minifyChunks(dir) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue;
    const file = join(dir, name);
    const { code } = minifySync(readFileSync(file, 'utf8'), {
      module: true,
      compress: false,
      mangle: { keep_fnames: true, keep_classnames: true },
      format: { comments: 'some' },
    });
    writeFileSync(file, code.endsWith('\n') ? code : `${code}\n`);
  }
}

function listFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files.sort();
}

if (check) {
  const committed = join(root, 'dist');
  const fresh = listFiles(outRoot);
  const have = listFiles(committed);
  const problems = [];
  for (const f of new Set([...fresh, ...have])) {
    if (!fresh.includes(f)) problems.push(`dist/${f} is not produced by the build any more`);
    else if (!have.includes(f)) problems.push(`dist/${f} is missing`);
    else if (!readFileSync(join(outRoot, f)).equals(readFileSync(join(committed, f))))
      problems.push(`dist/${f} differs`);
  }
  rmSync(outRoot, { recursive: true, force: true });
  if (problems.length > 0) {
    console.error(`dist/ is stale; run \`npm run package\` and commit dist/:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('dist/ is fresh');
}
