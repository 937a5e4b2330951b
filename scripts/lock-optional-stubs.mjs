// The npm registry reachable here serves only the linux builds of platform-specific optional
// packages (@swc/core-*, @unrs/resolver-binding-*), so `npm install` writes a lock without the
// others and `npm ci` then refuses it as out of sync. This adds, for every optional dependency
// that the lock names but does not list, an entry with its version, `optional: true` and the
// os/cpu its name says, so `npm ci` skips it on other platforms exactly as a full lock would.
// Run after `npm install` changes package-lock.json.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const pkgs = lock.packages;
const osWords = {
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  freebsd: 'freebsd',
  android: 'android',
  openharmony: 'openharmony',
  wasm32: null,
};
const cpuWords = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];
let added = 0;
for (const [key, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${dep}`;
    if (pkgs[at] || pkgs[`${key}/${at}`]) continue;
    const words = dep.split('/').pop().split('-');
    const stub = { version, dev: entry.dev || undefined, optional: true };
    const os = words.find((w) => w in osWords && osWords[w]);
    const cpu = words.find((w) => cpuWords.includes(w));
    if (os) stub.os = [os];
    if (cpu) stub.cpu = [cpu === 'wasm32' ? 'wasm32' : cpu];
    if (words.includes('musl') || words.includes('musleabihf')) stub.libc = ['musl'];
    else if (os === 'linux') stub.libc = ['glibc'];
    if (!os && !cpu) stub.cpu = ['wasm32'];
    pkgs[at] = stub;
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-optional-stubs: added ${added} entries`);
