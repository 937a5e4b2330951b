/**
 * The data the test index server serves: projects and their files, addable and replaceable at
 * run time ("change one pin" tests). Tracks a Last-Modified time per project and per file.
 */
import { createHash } from 'node:crypto';
import { normalizeName, type NormalizedName } from '../../src/standards/names.js';

export interface ServedFile {
  filename: string;
  bytes: Uint8Array;
  requiresPython?: string;
  /** PEP 592: true, or the reason. */
  yanked?: boolean | string;
  /** Core metadata, served as `<filename>.metadata` (PEP 658) unless `noMetadataFiles`. */
  metadata?: Uint8Array;
  /** ISO 8601 upload time for PEP 700 `upload-time`. */
  uploadTime?: string;
}

export interface ServedProject {
  name: string;
  files: ServedFile[];
}

export interface StoredFile extends ServedFile {
  project: NormalizedName;
  sha256: string;
  metadataSha256?: string;
  /** Seconds since epoch, whole seconds (HTTP-date granularity). */
  lastModified: number;
  etag: string;
}

export interface StoredProject {
  name: string;
  normalized: NormalizedName;
  files: StoredFile[];
  lastModified: number;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class Registry {
  private readonly projects = new Map<NormalizedName, StoredProject>();
  private readonly files = new Map<string, StoredFile>();
  /** Monotonic clock in whole seconds so every change gets a newer Last-Modified. */
  private clock = Math.floor(Date.now() / 1000) - 3600;

  constructor(projects: ServedProject[] = []) {
    for (const p of projects) for (const f of p.files) this.addFile(p.name, f);
    for (const p of projects) this.ensureProject(p.name);
  }

  private tick(): number {
    this.clock = Math.max(this.clock + 1, Math.floor(Date.now() / 1000));
    return this.clock;
  }

  private ensureProject(name: string): StoredProject {
    const normalized = normalizeName(name);
    let p = this.projects.get(normalized);
    if (!p) {
      p = { name, normalized, files: [], lastModified: this.tick() };
      this.projects.set(normalized, p);
    }
    return p;
  }

  /** Adds a file, replacing one with the same filename (in any project). */
  addFile(project: string, file: ServedFile): void {
    this.removeFile(file.filename);
    const p = this.ensureProject(project);
    const sha256 = sha256Hex(file.bytes);
    const stored: StoredFile = {
      ...file,
      project: p.normalized,
      sha256,
      metadataSha256: file.metadata ? sha256Hex(file.metadata) : undefined,
      lastModified: this.tick(),
      etag: `"${sha256.slice(0, 32)}"`,
    };
    p.files.push(stored);
    p.lastModified = stored.lastModified;
    this.files.set(file.filename, stored);
  }

  /** Removes a file by filename; returns whether it existed. */
  removeFile(filename: string): boolean {
    const f = this.files.get(filename);
    if (!f) return false;
    this.files.delete(filename);
    const p = this.projects.get(f.project);
    if (p) {
      p.files = p.files.filter((x) => x.filename !== filename);
      p.lastModified = this.tick();
    }
    return true;
  }

  /** Replaces the whole registry. */
  setProjects(projects: ServedProject[]): void {
    this.projects.clear();
    this.files.clear();
    for (const p of projects) {
      this.ensureProject(p.name);
      for (const f of p.files) this.addFile(p.name, f);
    }
  }

  project(name: string): StoredProject | undefined {
    return this.projects.get(normalizeName(name));
  }

  file(filename: string): StoredFile | undefined {
    return this.files.get(filename);
  }

  allProjects(): StoredProject[] {
    return [...this.projects.values()];
  }
}
