/**
 * Page rendering for the test index server: PEP 503 HTML and PEP 691 JSON project pages and
 * root listings, with PEP 592 yanking, PEP 658/714 metadata declarations and PEP 700 fields.
 */
import type { StoredFile, StoredProject } from './index-server-registry.js';
import type { ServerModes } from './index-server-modes.js';

export const JSON_CONTENT_TYPE = 'application/vnd.pypi.simple.v1+json';
export const HTML_CONTENT_TYPE = 'application/vnd.pypi.simple.v1+html';

const WRONG_HASH = '0'.repeat(64);

/** The `.metadata` sha256 to declare, or undefined when no metadata file is served. */
function declaredMetadataHash(f: StoredFile, modes: ServerModes): string | undefined {
  if (!f.metadata || modes.noMetadataFiles) return undefined;
  return modes.wrongMetadataHash ? WRONG_HASH : f.metadataSha256;
}

/** The name pages show for `f` (a hostile alias under `advertisedNames`). */
export function advertisedName(f: StoredFile, modes: ServerModes): string {
  return modes.advertisedNames?.[f.filename] ?? f.filename;
}

function fileHref(f: StoredFile, modes: ServerModes): string {
  const name = encodeURIComponent(advertisedName(f, modes));
  if (modes.fileUrlBase !== null) return `${modes.fileUrlBase}${name}`;
  // Relative to /simple/<name>/ so clients must resolve relative URLs.
  return `../../files/${name}`;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderProjectHtml(p: StoredProject, modes: ServerModes): string {
  const lines = p.files.map((f) => {
    const fragment = modes.noHashes ? '' : `#sha256=${f.sha256}`;
    const attrs = [`href="${escapeHtml(`${fileHref(f, modes)}${fragment}`)}"`];
    if (f.requiresPython) attrs.push(`data-requires-python="${escapeHtml(f.requiresPython)}"`);
    if (f.yanked === true) attrs.push('data-yanked');
    else if (typeof f.yanked === 'string') attrs.push(`data-yanked="${escapeHtml(f.yanked)}"`);
    const mh = declaredMetadataHash(f, modes);
    if (mh) {
      // PEP 714: serve both spellings for older clients.
      attrs.push(`data-core-metadata="sha256=${mh}"`, `data-dist-info-metadata="sha256=${mh}"`);
    }
    return `    <a ${attrs.join(' ')}>${escapeHtml(advertisedName(f, modes))}</a><br />`;
  });
  return [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    '    <meta name="pypi:repository-version" content="1.1">',
    `    <title>Links for ${escapeHtml(p.name)}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>Links for ${escapeHtml(p.name)}</h1>`,
    ...lines,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

export function renderProjectJson(p: StoredProject, modes: ServerModes): string {
  const files = p.files.map((f) => {
    const o: Record<string, unknown> = {
      filename: advertisedName(f, modes),
      url: fileHref(f, modes),
      hashes: modes.noHashes ? {} : { sha256: f.sha256 },
    };
    if (f.requiresPython) o['requires-python'] = f.requiresPython;
    if (f.yanked !== undefined && f.yanked !== false) o.yanked = f.yanked;
    const mh = declaredMetadataHash(f, modes);
    o['core-metadata'] = mh ? { sha256: mh } : false;
    o['dist-info-metadata'] = o['core-metadata'];
    if (!modes.noSize) o.size = f.bytes.length;
    if (f.uploadTime) o['upload-time'] = f.uploadTime;
    return o;
  });
  return JSON.stringify({ meta: { 'api-version': '1.1' }, name: p.normalized, versions: [], files });
}

export function renderRootHtml(projects: StoredProject[]): string {
  const links = projects.map((p) => `    <a href="${p.normalized}/">${escapeHtml(p.name)}</a>`);
  return ['<!DOCTYPE html>', '<html>', '  <body>', ...links, '  </body>', '</html>', ''].join('\n');
}

export function renderRootJson(projects: StoredProject[]): string {
  return JSON.stringify({
    meta: { 'api-version': '1.1' },
    projects: projects.map((p) => ({ name: p.name })),
  });
}

/**
 * PEP 691 negotiation, simplified: JSON when the client's Accept names the JSON type with a q
 * at least that of any HTML type it names; HTML otherwise.
 */
export function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let json = -1;
  let html = -1;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().split(';');
    const qParam = params.map((s) => s.trim()).find((s) => s.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const t = (type ?? '').trim().toLowerCase();
    if (t === JSON_CONTENT_TYPE) json = Math.max(json, q);
    else if (t === HTML_CONTENT_TYPE || t === 'text/html') html = Math.max(html, q);
  }
  return json > 0 && json >= html;
}
