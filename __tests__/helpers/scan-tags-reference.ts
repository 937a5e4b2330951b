// scanTags as it was before its character tests became code-unit comparisons: the reference
// src/index/html-page.ts's scanTags is held to in __tests__/index/html-page.test.ts.
import { decodeHtmlEntities } from '../../src/index/html-entities.js';
import type { HtmlTag } from '../../src/index/html-page.js';

/** Start tags of the given names, in document order. */
export function referenceScanTags(html: string, names: ReadonlySet<string>): HtmlTag[] {
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
    const attrs = new Map<string, string | null>();
    // Attribute loop (HTML §13.2.5.32 onwards, simplified).
    while (j < n) {
      while (j < n && /[\s/]/.test(html[j] ?? '')) j++;
      if (j >= n || html[j] === '>') break;
      const start = j;
      while (j < n && !/[\s/>=]/.test(html[j] ?? '')) j++;
      const attrName = html.slice(start, j).toLowerCase();
      while (j < n && /\s/.test(html[j] ?? '')) j++;
      let value: string | null = null;
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
      if (attrName !== '' && (name === 'a' || !attrs.has(attrName)))
        attrs.set(attrName, value === null ? null : decodeHtmlEntities(value));
      if (attrName === '') j++;
    }
    if (names.has(name)) tags.push({ name, attrs });
    i = j + 1;
  }
  return tags;
}
