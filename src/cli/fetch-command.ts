/**
 * `wheelhouse fetch`: resolve, then fill the wheelhouse (--dest) with the resolved files, save it to
 * the cache while it is held, write the requested copies of the lock and report; stdout carries
 * the lock's path unless a copy went there.
 */
import { formatBytes } from '../download/progress.js';
import type { FetchResult } from '../flow/fetch.js';
import type { PipConfig } from '../flow/pip-config.js';
import type { Logger } from '../util/logger.js';
import type { ParsedArgs } from './args.js';
import type { CliIo } from './cli-io.js';
import { filling } from './filling.js';
import { writeRequestedCopies } from './requested-outputs.js';

export function fetchSummary(r: FetchResult): string {
  const fromCache = r.packages.filter((p) => p.source === 'cache').length;
  const parts = [
    // Wheels used where they are (install without --dest) are not in the wheelhouse: said so.
    r.inPlace > 0
      ? `${r.packages.length} packages (${r.inPlace} read in place from the find-links directories, the rest in ${r.wheelhouse})`
      : `${r.packages.length} packages in ${r.wheelhouse}`,
    `${r.downloaded} downloaded (${formatBytes(r.downloadedBytes)})`,
    `${fromCache} from cache`,
  ];
  const reused = r.packages.filter((p) => p.source === 'reused' || p.source === 'present').length;
  if (reused > 0) parts.push(`${reused} already present`);
  return parts.join(', ');
}

export async function fetchCommand(
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
  pipConfig: PipConfig,
): Promise<number> {
  const fill = await filling(args, io, logger, pipConfig);
  try {
    const { runFetch } = await import('../flow/fetch.js');
    const result = await runFetch({
      ...fill.options,
      wheelhouse: args.dest as string,
      // The save copies the wheelhouse: done while this run still holds it.
      whileHeld: async (fetched) => {
        fill.finishProgress();
        if (fill.backend === undefined) return;
        // Loaded only now: nothing before the run's first request needs the save (issue 14 §2).
        const { savePlanOf, saveWheelhouse } = await import('../flow/save.js');
        await saveWheelhouse(savePlanOf(fetched), fill.backend, logger);
      },
    });
    const printed = await writeRequestedCopies(args, result, io);
    logger.info(fetchSummary(result));
    logger.info(
      `install with: wheelhouse install --no-index --find-links ${result.wheelhouse} --require-hashes -r ${result.lockFile} (or pip install with the same options)`,
    );
    if (!printed) io.stdout.write(`${result.lockFile}\n`);
    return 0;
  } finally {
    await fill.cleanup();
  }
}
