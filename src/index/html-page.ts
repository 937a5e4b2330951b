/**
 * PEP 503 "Simple Repository API" HTML project pages (as updated by PEP 592 yanking, PEP 658
 * metadata files and PEP 714's `data-core-metadata` rename), parsed the tolerant way real indexes
 * need: any tag case, quoted/unquoted/valueless attributes, comments skipped, `<base href>`
 * honoured (first one wins, resolved against the page URL), relative hrefs, HTML character
 * references in attribute values (html-entities.ts), `#<hashname>=<hex>` fragments. A repeated
 * attribute is read as pip reads it (its HTMLParser gives every pair; pip's collector.py keeps an
 * anchor's as `dict(attrs)`, so the last one wins, and a `<base>`'s first `href`): review 2 s12.
 * Not supported: `<meta name="pypi:repository-version">` checks (the HTML API version is only
 * advisory), `rel="internal"` (PEP 470 removed external hosting).
 */
import type { NormalizedName } from '../standards/names.js';
import type { DistFile, ProjectPage } from './dist-file.js';
import { decodeHtmlEntities } from './html-entities.js';
import { linkResolver, parseMetadataAttribute, type ResolvedLink } from './dist-link.js';
import { redactUrl } from './redact.js';
import { PageFilenameChecker, type FilenameRefusal } from './dist-filename-check.js';

export interface HtmlTag {
  name: string;
  /**
   * Lower-case attribute names → decoded values; null for a valueless attribute (`<a data-yanked>`:
   * Python's HTMLParser gives pip None there, which pip reads as absent — not yanked). A repeated
   * attribute: the last for `<a>` (pip's `dict(attrs)`), the first for every other tag.
   */
  attrs: Map<string, string | null>;
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator), one UTF-16 code unit. */
function isSpace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const SLASH = 47;
const GT = 62;
const EQ = 61;

/**
 * Start tags of the given names, in document order. Attributes are read for every tag (they decide
 * where it ends) but decoded only for the tags returned. Character tests are code-unit comparisons
 * (a page lists thousands of anchors); `isSpace` is JavaScript's `\s`.
 */
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
    // A tag name: a letter, then letters, digits and "-", at most 63 characters.
    if (!isAsciiLetter(html.charCodeAt(lt + 1))) {
      i = lt + 1;
      continue;
    }
    let j = lt + 2;
    const nameEnd = Math.min(n, lt + 64);
    while (j < nameEnd) {
      const c = html.charCodeAt(j);
      if (isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45) j++;
      else break;
    }
    const name = html.slice(lt + 1, j).toLowerCase();
    const wanted = names.has(name);
    const attrs: Map<string, string | null> | undefined = wanted ? new Map() : undefined;
    const lastWins = name === 'a';
    // Attribute loop (HTML §13.2.5.32 onwards, simplified).
    while (j < n) {
      let c = html.charCodeAt(j);
      while (j < n && (c === SLASH || isSpace(c))) c = html.charCodeAt(++j);
      if (j >= n || c === GT) break;
      const start = j;
      while (j < n && c !== SLASH && c !== GT && c !== EQ && !isSpace(c)) c = html.charCodeAt(++j);
      // Names of attributes nobody reads are not made (the tag's end is all that matters there).
      const attrName = attrs === undefined ? (j > start ? '-' : '') : html.slice(start, j).toLowerCase();
      while (j < n && isSpace(c)) c = html.charCodeAt(++j);
      let value: string | null = null;
      if (c === EQ) {
        c = html.charCodeAt(++j);
        while (j < n && isSpace(c)) c = html.charCodeAt(++j);
        if (c === 34 || c === 39) {
          const end = html.indexOf(c === 34 ? '"' : "'", j + 1);
          const stop = end === -1 ? n : end;
          value = html.slice(j + 1, stop);
          j = stop + 1;
        } else {
          const vs = j;
          while (j < n && c !== GT && !isSpace(c)) c = html.charCodeAt(++j);
          value = html.slice(vs, j);
        }
      }
      if (attrs !== undefined && attrName !== '' && (lastWins || !attrs.has(attrName)))
        attrs.set(attrName, value === null ? null : decodeHtmlEntities(value));
      if (attrName === '') j++;
    }
    if (attrs !== undefined) tags.push({ name, attrs });
    i = j + 1;
  }
  return tags;
}

export interface HtmlLink {
  link: ResolvedLink;
  attrs: Map<string, string | null>;
}

/** Every file anchor of a page, URLs resolved against `<base href>` or the page URL. */
export function parseHtmlLinks(html: string, pageUrl: string): HtmlLink[] {
  const tags = scanTags(html, new Set(['a', 'base']));
  let base = pageUrl;
  // pip: the first <base> whose first href has a value.
  const baseTag = tags.find((t) => t.name === 'base' && typeof t.attrs.get('href') === 'string');
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
    // pip's Link.from_element: no href, a valueless or an empty one → no link.
    if (!href) continue;
    const link = resolveLink(href);
    if (link) links.push({ link, attrs: t.attrs });
  }
  return links;
}

/** One anchor's DistFile. */
export function distFileFromHtml(l: HtmlLink, project: NormalizedName, source: string): DistFile {
  // A valueless attribute (null) is read as absent, as pip reads Python's None.
  const rp = l.attrs.get('data-requires-python') ?? undefined;
  const yankedAttr = l.attrs.get('data-yanked') ?? undefined;
  // PEP 714: clients check data-core-metadata first, then the legacy data-dist-info-metadata
  // (pip: when the first is absent or valueless).
  const core = parseMetadataAttribute(
    l.attrs.get('data-core-metadata') ?? l.attrs.get('data-dist-info-metadata') ?? undefined,
  );
  return {
    project,
    filename: l.link.filename,
    url: l.link.url,
    redactedUrl: l.link.redactedUrl,
    hashes: l.link.hashes,
    requiresPython: rp !== undefined && rp.trim() !== '' ? rp.trim() : undefined,
    // PEP 592: present with a value → yanked; a non-empty value is the reason.
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
  const names = new PageFilenameChecker(source);
  for (const l of parseHtmlLinks(html, pageUrl)) {
    const refusal = names.check(l.link.filename);
    if (refusal !== undefined) refused.push(refusal);
    else if (accept(l.link.filename)) files.push(distFileFromHtml(l, project, source));
  }
  return { project, files, source, refused };
}
