/**
 * Direct URL requirements (`name @ url`, PEP 508; pip 23.2's `Link`): the DistFile a URL stands
 * for, and the checks every direct URL of the inputs passes before it is one.
 */
import type { DistFile } from '../index/dist-file.js';
import { directFileNameReason } from '../index/dist-filename-check.js';
import { fragmentHashes } from '../index/dist-link.js';
import { redactUrl } from '../index/redact.js';
import type { NormalizedName } from '../standards/names.js';
import { unquote } from '../standards/percent-decode.js';
import type { SourcedRequirement } from './python-provider.js';

/** pip's VCS requirement URLs (`git+https://…`, `hg+ssh://…`, …): a checkout, not a file. */
const VCS_URL = /^(git|hg|svn|bzr)\+/i;

/**
 * A DistFile for `name @ url`; the file name is the URL's last path segment, its fragment's
 * `<algorithm>=<digest>` parts its declared hashes. The requirement's `--hash` pins are NOT declared
 * hashes of the file: they are checked as for any other file (hash-pins.ts). A file without a
 * declared hash is downloaded during resolution and its sha256 must be one of the pins (every pin,
 * not just the first — pip accepts any of several `--hash` values); with only sha384/sha512 pins it
 * cannot be checked (only sha256 is computed) and is refused with that reason, never accepted.
 */
export function directUrlFile(name: NormalizedName, url: string): DistFile {
  const parsed = new URL(url);
  const filename = unquote(parsed.pathname.split('/').pop() ?? '');
  // Read as an index link's fragment is (dist-link.ts fragmentHashes): every `&` part, each of
  // pip's algorithms, a value that is no digest kept unmatchable — pip 23.2 searches the URL for
  // `[#&](sha512|…|md5)=([^&]*)` and fails the file on its hash check (review 14d F7: `#sha256=abc`
  // was "internal error", `#egg=x&sha256=…` and `#md5=…` were ignored and the file fetched).
  const hashes = fragmentHashes(parsed.hash);
  const clean = new URL(url);
  clean.hash = '';
  return {
    project: name,
    filename,
    url: clean.href,
    redactedUrl: redactUrl(clean.href),
    hashes,
    yanked: false,
    coreMetadata: false,
    source: redactUrl(clean.href),
  };
}

/**
 * Checks every direct URL of the inputs (`name @ url`) and records its file in `directFiles`; each
 * URL that cannot be resolved (a VCS URL, no valid URL, `#subdirectory=`, an unsafe file name, a
 * second URL for one project) is a problem naming its line. A constraint's URL (`a @ URL` in a `-c`
 * file) is the project's only file as a requirement's is: pip 23.2 and 26 pin a constrained project
 * to the constraint's link (review 16a F3); nothing is fetched unless something requires it.
 */
export function checkDirectUrls(
  out: {
    requirements: readonly SourcedRequirement[];
    constraints: readonly SourcedRequirement[];
    directFiles: Map<NormalizedName, DistFile>;
  },
  problems: string[],
): void {
  for (const r of [...out.requirements, ...out.constraints]) {
    const url = r.requirement.url;
    if (url === undefined) continue;
    if (VCS_URL.test(url)) {
      problems.push(
        `${r.origin}: ${r.requirement.name} @ ${redactUrl(url)}: VCS URLs (git+, hg+, svn+, bzr+) are not supported: wheelhouse resolves from published files; name a wheel or sdist URL, or an index that has the project`,
      );
      continue;
    }
    // A URL the PEP 508 grammar accepts but no URL parser does (a port > 65535, `%` in the host):
    // an input error at its line, as pip names the requirement and line when it fails to parse
    // it (review 15c F11: was a bare "internal error: Invalid URL").
    if (!URL.canParse(url)) {
      problems.push(`${r.origin}: ${r.requirement.name} @ ${redactUrl(url)}: not a valid URL`);
      continue;
    }
    // pip (PEP 610 `subdirectory`) builds the project in that directory of the archive;
    // wheelhouse builds an archive's root only: refused by name, never dropped (review 15c F12).
    const hashAt = url.indexOf('#');
    const subdirectory = (hashAt < 0 ? [] : url.slice(hashAt + 1).split('&')).find((part) =>
      part.startsWith('subdirectory='),
    );
    if (subdirectory !== undefined) {
      problems.push(
        `${r.origin}: ${r.requirement.name} @ ${redactUrl(url)}: #${subdirectory} is not supported (wheelhouse builds an archive's root only)`,
      );
      continue;
    }
    const file = directUrlFile(r.requirement.name, url);
    // The file name becomes a path in the wheelhouse: the safe-name rule of index links, and an
    // archive name the cache restores as one wheelhouse wrote (dist-filename-check.ts, review 17c F1).
    const unsafe = directFileNameReason(file.filename);
    if (unsafe !== undefined) {
      problems.push(
        `${r.origin}: the file name ${JSON.stringify(file.filename)} of ${file.redactedUrl} is refused: ${unsafe}`,
      );
      continue;
    }
    const prev = out.directFiles.get(r.requirement.name);
    if (prev !== undefined && prev.url !== file.url) {
      problems.push(`${r.origin}: ${r.requirement.name} is given by two different URLs`);
      continue;
    }
    out.directFiles.set(r.requirement.name, file);
  }
}
