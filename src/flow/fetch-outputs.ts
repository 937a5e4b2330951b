/**
 * The fetch flow's outputs (fetch.ts): the files written into the wheelhouse once every wheel is
 * in place — lock, report.json, pylock.toml, then the stamps, received records and reusable
 * resolution for the next run, a bounded prune of the stamp store, and last the complete manifest
 * that marks the wheelhouse finished (issue 10 §1: written last) — and the per-package summary
 * (where each wheel came from) the shells show.
 */
import { join } from 'node:path';
import type { BuildOutcome } from '../build/build-sdists.js';
import { saveReceivedRecords } from '../cache/received-records.js';
import { pruneStampStore } from '../cache/stamp-store.js';
import { manifestFor, writeManifest } from '../cache/wheelhouse-manifest.js';
import type { DownloadSummary } from '../download/download-all.js';
import type { Resolution } from '../provider/resolution.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import type { FetchedPackage, FetchOptions, PackageSource } from './fetch-types.js';
import type { RestoredState } from './fetch-restore.js';
import type { LockTexts } from './lock-texts.js';
import type { Prepared } from './prepare.js';
import { keepResolution } from './resolution-reuse.js';
import { LOCK_FILENAME, PYLOCK_FILENAME, REPORT_FILENAME } from './wheelhouse-files.js';

export interface WrittenOutputs {
  /** Absent when not written (an incomplete wheelhouse: `complete` false). */
  lockFile?: string;
  reportFile?: string;
  pylockFile?: string;
  texts: LockTexts;
}

/**
 * Writes the wheelhouse's outputs in their fixed order, the manifest last. `resolution` is what
 * the run resolved (kept for reuse), `housed` what the wheelhouse holds (built wheels in place of
 * sdists); `inWheelhouse` tells which names of the wheelhouse are the resolution's files.
 * `complete` false (some files of the resolution were used where they are, fetch-types.ts
 * `inPlace`): no lock, report, pylock or complete manifest is written — the wheelhouse stays as
 * the session opened it, marked incomplete — while the stamps and records still are.
 */
export async function writeOutputs(
  o: FetchOptions,
  wheelhouse: string,
  state: RestoredState,
  prepared: Prepared,
  resolution: Resolution,
  housed: Resolution,
  inWheelhouse: (name: string) => boolean,
  notOwned: ReadonlySet<string> = new Set(),
  complete = true,
): Promise<WrittenOutputs> {
  const logger = o.logger;
  const { stamps, findLinksDirs, records, caches, fingerprint, reused } = state;
  const lockFile = join(wheelhouse, LOCK_FILENAME);
  const reportFile = join(wheelhouse, REPORT_FILENAME);
  const pylockFile = join(wheelhouse, PYLOCK_FILENAME);
  // The writers are loaded once there is something to write (issue 14 §2 start-up).
  const { lockTexts } = await import('./lock-texts.js');
  const texts = lockTexts(housed, prepared, { cwd: o.cwd ?? process.cwd(), directory: wheelhouse });
  if (complete) {
    await writeFileAtomic(lockFile, texts.lock);
    await writeFileAtomic(reportFile, texts.report);
    await writeFileAtomic(pylockFile, texts.pylock);
  }
  // Stamps of the files this run verified, for the next run (not part of completeness); also
  // those of local find-links directories (kept in the store, nothing written there).
  try {
    await stamps.saveDir(wheelhouse, inWheelhouse);
    for (const dir of findLinksDirs) await stamps.saveDir(dir, () => true);
    // A reused resolution changed no record (and used none through the caches): both stay.
    if (o.stampStore !== undefined && reused === undefined) {
      await saveReceivedRecords(o.stampStore, wheelhouse, records, caches.pageUsed, caches.metadataUsedFor);
      await keepResolution(
        o.stampStore,
        wheelhouse,
        fingerprint,
        caches.pagesLookedUp,
        records.pages,
        resolution,
      );
    }
  } catch (error) {
    logger.debug(`stamps not written: ${(error as Error).message}`);
  }
  // Bounded pruning of the store (files of directories that are gone or unused for 30 days).
  if (o.stampStore !== undefined) {
    try {
      const pruned = await pruneStampStore(o.stampStore);
      if (pruned.removed.length > 0) {
        logger.debug(`stamp store: removed ${pruned.removed.length} file(s) of gone or unused directories`);
      }
    } catch (error) {
      logger.debug(`stamp store not pruned: ${(error as Error).message}`);
    }
  }
  if (!complete) return { texts };
  // Last: the complete manifest marks the wheelhouse finished. A file of the resolution the user
  // had put there stays theirs: listed (the wheelhouse is complete with it), never deleted.
  const manifest = manifestFor(housed);
  for (const name of notOwned) {
    const listed = manifest.files[name];
    if (listed !== undefined) manifest.files[name] = { ...listed, notOwned: true };
  }
  await writeManifest(wheelhouse, manifest);
  return { lockFile, reportFile, pylockFile, texts };
}

/** Where each wheel of the wheelhouse came from in this run. */
export function fetchedPackages(
  housed: Resolution,
  summary: DownloadSummary,
  builtByWheel: Map<string, BuildOutcome>,
  matchedKey: string | undefined,
): FetchedPackage[] {
  const outcomeByFile = new Map(summary.files.map((f) => [f.filename, f]));
  return housed.packages.map((pkg) => {
    const got = outcomeByFile.get(pkg.file.filename);
    const built = builtByWheel.get(pkg.file.filename);
    const source: PackageSource =
      built?.source === 'built'
        ? 'built'
        : got === undefined
          ? matchedKey !== undefined
            ? 'cache'
            : 'present'
          : got.outcome === 'downloaded' || got.outcome === 'in-place'
            ? 'downloaded'
            : got.outcome === 'reused'
              ? 'reused'
              : 'present';
    const size = pkg.file.size ?? got?.size;
    return {
      name: pkg.name,
      version: pkg.version,
      filename: pkg.file.filename,
      ...(size !== undefined ? { size } : {}),
      source,
      metadataPath: pkg.metadataPath,
      ...(pkg.builtFrom !== undefined ? { builtFrom: pkg.builtFrom.filename } : {}),
    };
  });
}
