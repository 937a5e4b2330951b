/** A description of the machine and tool versions, for docs/benchmarks.md. */
import { spawnSync } from 'node:child_process';
import { cpus, freemem, totalmem, release, type as osType } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  freeMemoryGb: number;
  os: string;
  node: string;
  python: string;
}

export function machineInfo(): MachineInfo {
  const py = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    python: (py.stdout || py.stderr || 'not found').trim(),
  };
}
