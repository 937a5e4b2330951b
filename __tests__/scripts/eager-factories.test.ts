/**
 * scripts/eager-factories.mjs (issue 14 §2 start-up): each module factory of an emitted chunk
 * becomes a parenthesised `function` expression, which V8 compiles with the chunk instead of
 * pre-parsing it and parsing it again when the module is required — but only where the code means
 * the same: a factory that uses its surroundings' `this`, `arguments` or `new.target` stays an
 * arrow. Positions are UTF-8 byte offsets (swc's spans), so text before a factory may hold
 * multi-byte characters; index.js starts with a `#!` line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error -- a plain ES module of the build scripts, without types
import { eagerFactoriesOf } from '../../scripts/eager-factories.mjs';

const transform = (text: string): string => (eagerFactoriesOf(Buffer.from(text)) as Buffer).toString('utf8');

const CHUNK = [
  'export const id=7;export const ids=[7];export const modules={',
  '10:(e,t,n)=>{t.v="é…"+e.id+n(3)},',
  '11:(e,t,n)=>{var a=(this&&this.x)||1;t.v=a},',
  '12:(e,t)=>{function f(){return this}t.v=f.call("own")+"—ü"},',
  '13:(e,t)=>{const g=()=>arguments.length;t.v=g()},',
  '14:(e,t)=>{class A{static{this.s="static"}m(){return this}}t.v=A.s},',
  '15:async(e)=>{await e},',
  '16:(e,t)=>{class B extends (this?.C??Object){}t.v=typeof B},',
  '17:e=>e.x,',
  '18:()=>{}',
  '};',
].join('\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-eager-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Factory = (module: { id: number }, exports: { v?: unknown }, require: (id: number) => unknown) => void;
async function modulesOf(name: string, text: string): Promise<Record<string, Factory>> {
  const file = join(dir, name);
  await writeFile(file, text);
  return ((await import(pathToFileURL(file).href)) as { modules: Record<string, Factory> }).modules;
}

describe('eagerFactoriesOf', () => {
  it('turns each factory that does not use its surroundings into a parenthesised function', () => {
    const out = transform(CHUNK);
    const line = (id: number) => out.split('\n').find((l) => l.startsWith(`${id}:`));
    expect(line(10)).toBe('10:(function(e,t,n){t.v="é…"+e.id+n(3)}),');
    expect(line(12)).toBe('12:(function(e,t){function f(){return this}t.v=f.call("own")+"—ü"}),');
    expect(line(14)).toBe('14:(function(e,t){class A{static{this.s="static"}m(){return this}}t.v=A.s}),');
    expect(line(18)).toBe('18:(function(){})');
    // Kept: `this` / `arguments` of the surroundings, a class heritage using `this`, async, an
    // expression body.
    for (const id of [11, 13, 15, 16, 17])
      expect(line(id)).toBe(CHUNK.split('\n').find((l) => l.startsWith(`${id}:`)));
  });

  it('leaves what each module does unchanged', async () => {
    const before = await modulesOf('before.mjs', CHUNK);
    const after = await modulesOf('after.mjs', transform(CHUNK));
    for (const id of ['10', '11', '12', '14', '16', '18']) {
      const run = (f: Factory | undefined) => {
        const exports: { v?: unknown } = {};
        f?.({ id: 42 }, exports, (n) => n * 2);
        return exports.v;
      };
      expect(run(after[id])).toEqual(run(before[id]));
    }
    expect(run10(after)).toBe('é…426');
  });

  it('reads positions as UTF-8 bytes after a #! line and multi-byte text', () => {
    const index =
      '#!/usr/bin/env node\nconst s="ß€😀";var n={4:(e,n,t)=>{e.exports="😀"+s},5:(e)=>{e.y=1}};\n';
    expect(transform(index)).toBe(
      '#!/usr/bin/env node\nconst s="ß€😀";var n={4:(function(e,n,t){e.exports="😀"+s}),5:(function(e){e.y=1})};\n',
    );
  });

  it('changes no object literal whose keys are not all module ids', () => {
    const text = 'export const o={a:(e)=>{e.x=1},1:(e)=>{e.y=2}};\n';
    expect(transform(text)).toBe(text);
  });
});

function run10(modules: Record<string, Factory>): unknown {
  const exports: { v?: unknown } = {};
  modules['10']?.({ id: 42 }, exports, (n) => n * 2);
  return exports.v;
}
