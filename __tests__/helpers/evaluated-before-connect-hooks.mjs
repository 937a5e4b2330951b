// ESM load hook for evaluated-before-connect.mjs: prefixes each file module's source with a
// statement that appends the module's URL to globalThis.__evaluatedModules when it is evaluated
// (a `#!` line is dropped first: it is only valid at the very start).
export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (loaded.format !== 'module' || !url.startsWith('file:') || loaded.source === undefined) return loaded;
  const text = (
    typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source).toString('utf8')
  ).replace(/^#!.*/, '');
  return { ...loaded, source: `(globalThis.__evaluatedModules ??= []).push(${JSON.stringify(url)});${text}` };
}
