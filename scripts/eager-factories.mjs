// A step of scripts/package.mjs: the module factories of every emitted .js compiled with it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from '@swc/core';

// Start-up (issue 14 §2): every module of a chunk is an arrow function in the chunk's `modules`
// table (and index.js's own table). V8 pre-parses such a function when it compiles the chunk and
// parses it again in full when the module is first required: each module's text is parsed twice
// before it runs, and two thirds of the CLI's instructions before its first request were parsing
// and compiling. A function expression in parentheses is compiled with its enclosing script
// instead (V8's "PIFE" heuristic, v8.dev/blog/preparser#pife; a parenthesised arrow is not, on
// Node 20's V8 11.3 — measured), so each factory `(a,b,c)=>{…}` becomes `(function(a,b,c){…})`.
// Only where that cannot change what the code does: a factory that mentions `this` or `arguments`
// outside nested functions and class bodies (where they would now mean the function's own) stays
// an arrow. Measured in docs/benchmarks.md ("Session 18 — start18").
export function eagerFactories(dir) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue;
    const file = join(dir, name);
    writeFileSync(file, eagerFactoriesOf(readFileSync(file)));
  }
}

/** The text of one emitted .js file (a Buffer) with its module factories made eager (above). */
export function eagerFactoriesOf(text) {
  // swc's spans are UTF-8 byte positions counted on from earlier parses: a statement put after
  // the text, at a known position, gives the base (index.js starts with a `#!` line).
  const ast = parseSync(`${text.toString('utf8')}\n;0`, { syntax: 'ecmascript', target: 'es2022' });
  const base = ast.body.at(-1).span.start - (text.length + 2);
  const edits = [];
  visitFactoryTables(ast, (arrow) => {
    if (arrow.async || arrow.generator || arrow.body.type !== 'FunctionBody') return;
    if (arrow.params.some(usesOwnThis) || usesOwnThis(arrow.body)) return;
    const first = arrow.params[0];
    const last = arrow.params.at(-1);
    const params = first === undefined ? '' : text.subarray(first.span.start - base, last.span.end - base);
    edits.push({
      from: arrow.span.start - base,
      to: arrow.body.span.start - base,
      text: `(function(${params})`,
    });
    edits.push({ from: arrow.span.end - base, to: arrow.span.end - base, text: ')' });
  });
  edits.sort((a, b) => a.from - b.from);
  const parts = [];
  let at = 0;
  for (const e of edits) {
    parts.push(text.subarray(at, e.from), Buffer.from(e.text));
    at = e.to;
  }
  parts.push(text.subarray(at));
  return Buffer.concat(parts);
}

/** Calls `onFactory` with each arrow function of an object literal whose keys are all module ids. */
function visitFactoryTables(node, onFactory) {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) visitFactoryTables(n, onFactory);
    return;
  }
  if (
    node.type === 'ObjectExpression' &&
    node.properties.length > 0 &&
    node.properties.every((p) => p.type === 'KeyValueProperty' && p.key.type === 'NumericLiteral')
  ) {
    for (const p of node.properties) if (p.value.type === 'ArrowFunctionExpression') onFactory(p.value);
    return;
  }
  for (const key of Object.keys(node)) if (key !== 'span') visitFactoryTables(node[key], onFactory);
}

/**
 * Whether `node` mentions `this`, `arguments`, `new.target` or `super` where an arrow function
 * would take them from its surroundings: anywhere but inside a nested non-arrow function or the
 * body of a class (its methods, fields and static blocks have their own). A class's `extends`
 * and computed keys are checked. Conservative: a property named `arguments` also counts.
 */
function usesOwnThis(node) {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(usesOwnThis);
  switch (node.type) {
    case 'ThisExpression':
    case 'Super':
      return true;
    case 'MetaProperty':
      return node.kind === 'new.target';
    case 'Identifier':
      return node.value === 'arguments';
    case 'FunctionExpression':
    case 'FunctionDeclaration':
      return false;
    case 'ClassExpression':
    case 'ClassDeclaration':
      return (
        usesOwnThis(node.superClass) ||
        node.body.some((m) => m.key?.type === 'Computed' && usesOwnThis(m.key))
      );
    default:
      return Object.keys(node).some((key) => key !== 'span' && usesOwnThis(node[key]));
  }
}
