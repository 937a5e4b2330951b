/**
 * PEP 503 "Simple Repository API" HTML project pages (as updated by PEP 592 yanking, PEP 658
 * metadata files and PEP 714's `data-core-metadata` rename), parsed the tolerant way real indexes
 * need: any tag case, quoted/unquoted/valueless attributes, comments skipped, `<base href>`
 * honoured (first one wins, resolved against the page URL), relative hrefs, HTML character
 * references in attribute values (html-entities.ts), `#<hashname>=<hex>` fragments.
 * Not supported: `<meta name="pypi:repository-version">` checks (the HTML API version is only
 * advisory), `rel="internal"` (PEP 470 removed external hosting).
 */
import type { NormalizedName } from '../standards/names.js';
import type { DistFile, ProjectPage } from './dist-file.js';
import { decodeHtmlEntities } from './html-entities.js';
import { linkResolver, parseMetadataAttribute, type ResolvedLink } from './dist-link.js';
import { redactUrl } from './redact.js';
import { refuseDistFilename, type FilenameRefusal } from './dist-filename-check.js';

export interface HtmlTag {
  name: string;
  /** Lower-case attribute names → decoded values ('' for valueless attributes). First wins. */
  attrs: Map<string, string>;
}

/** Start tags of the given names, in document order. */
export function scanTags(html: string, names: ReadonlySet<string>): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    const m = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    let j = lt + m[0].length;
    const attrs = new Map<string, string>();
    // Attribute loop (HTML §13.2.5.32 onwards, simplified).
    while (j < n) {
      while (j < n && /[\s/]/.test(html[j] ?? '')) j++;
      if (j >= n || html[j] === '>') break;
      const start = j;
      while (j < n && !/[\s/>=]/.test(html[j] ?? '')) j++;
      const attrName = html.slice(start, j).toLowerCase();
      while (j < n && /\s/.test(html[j] ?? '')) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < n && /\s/.test(html[j] ?? '')) j++;
        const q = html[j];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, j + 1);
          const stop = end === -1 ? n : end;
          value = html.slice(j + 1, stop);
          j = stop + 1;
        } else {
          const vs = j;
          while (j < n && !/[\s>]/.test(html[j] ?? '')) j++;
          value = html.slice(vs, j);
        }
      }
      if (attrName !== '' && !attrs.has(attrName)) attrs.set(attrName, decodeHtmlEntities(value));
      if (attrName === '') j++;
    }
    if (names.has(name)) tags.push({ name, attrs });
    i = j + 1;
  }
  return tags;
}

export interface HtmlLink {
  link: ResolvedLink;
  attrs: Map<string, string>;
}

/** Every file anchor of a page, URLs resolved against `<base href>` or the page URL. */
export function parseHtmlLinks(html: string, pageUrl: string): HtmlLink[] {
  const tags = scanTags(html, new Set(['a', 'base']));
  let base = pageUrl;
  const baseTag = tags.find((t) => t.name === 'base' && t.attrs.has('href'));
  if (baseTag) {
    try {
      base = new URL(baseTag.attrs.get('href') ?? '', pageUrl).href;
    } catch {
      // an unusable <base> is ignored, as browsers do
    }
  }
  const links: HtmlLink[] = [];
  const resolveLink = linkResolver(base, pageUrl);
  for (const t of tags) {
    if (t.name !== 'a') continue;
    const href = t.attrs.get('href');
    if (href === undefined) continue;
    const link = resolveLink(href);
    if (link) links.push({ link, attrs: t.attrs });
  }
  return links;
}

/** One anchor's DistFile. */
export function distFileFromHtml(l: HtmlLink, project: NormalizedName, source: string): DistFile {
  const rp = l.attrs.get('data-requires-python');
  const yankedAttr = l.attrs.get('data-yanked');
  // PEP 714: clients check data-core-metadata first, then the legacy data-dist-info-metadata.
  const core = l.attrs.has('data-core-metadata')
    ? parseMetadataAttribute(l.attrs.get('data-core-metadata'))
    : parseMetadataAttribute(l.attrs.get('data-dist-info-metadata'));
  return {
    project,
    filename: l.link.filename,
    url: l.link.url,
    redactedUrl: l.link.redactedUrl,
    hashes: l.link.hashes,
    requiresPython: rp !== undefined && rp.trim() !== '' ? rp.trim() : undefined,
    // PEP 592: present → yanked; a non-empty value is the reason.
    yanked: yankedAttr === undefined ? false : yankedAttr.trim() === '' ? true : yankedAttr,
    coreMetadata: core,
    source,
  };
}

/**
 * A PEP 503 project page. `accept(filename)` filters anchors (find-links pages list files of many
 * projects); by default every anchor is kept.
 */
export function parseHtmlProjectPage(
  html: string,
  pageUrl: string,
  project: NormalizedName,
  accept: (filename: string) => boolean = () => true,
): ProjectPage {
  const source = redactUrl(pageUrl);
  const files: DistFile[] = [];
  const refused: FilenameRefusal[] = [];
  for (const l of parseHtmlLinks(html, pageUrl)) {
    const refusal = refuseDistFilename(l.link.filename, source);
    if (refusal !== undefined) refused.push(refusal);
    else if (accept(l.link.filename)) files.push(distFileFromHtml(l, project, source));
  }
  return { project, files, source, refused };
}
