import type { StatsFs } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';

/** Options of {@link diskSpaceCheck}. */
export interface DiskSpaceCheckOptions {
  /** The directory whose file system is checked: the alert state directory. Relative to the working directory. */
  readonly directory: string;
  /** Warn below this share of free space. Default 0.1. */
  readonly warnFreeRatio?: number;
  /** Fail below this share of free space, or below 50 MiB. Default 0.03. */
  readonly failFreeRatio?: number;
}

const failFreeBytes = 50 * 1024 * 1024;

/**
 * `disk-space`: free space on the file system of the state directory (alert state, incidents, offline
 * telemetry). A directory not created yet is measured at its closest existing parent.
 */
export function diskSpaceCheck(options: DiskSpaceCheckOptions): HealthCheckV1 {
  const warnFreeRatio = options.warnFreeRatio ?? 0.1;
  const failFreeRatio = options.failFreeRatio ?? 0.03;
  return {
    specificationVersion: 'v1',
    name: 'disk-space',
    async check() {
      const stats = await statExisting(resolve(options.directory));
      const totalBytes = Number(stats.blocks) * Number(stats.bsize);
      const freeBytes = Number(stats.bavail) * Number(stats.bsize);
      const freeRatio = totalBytes === 0 ? 1 : freeBytes / totalBytes;
      const details = {
        componentType: 'system',
        observedValue: Math.round(freeRatio * 1000) / 10,
        observedUnit: 'percent free',
        freeBytes,
        totalBytes,
        directory: options.directory,
      };
      const message = `${Math.round(freeBytes / 1024 / 1024)} MiB free (${details.observedValue} %) where the state directory lives`;
      const failing = freeRatio < failFreeRatio || freeBytes < failFreeBytes;
      if (!failing && freeRatio >= warnFreeRatio) return { status: 'pass', message, details };
      return {
        status: failing ? 'fail' : 'warn',
        message,
        details,
        remediation:
          'The disk holding the state directory is nearly full: alert state and incidents stop being saved. Free space (old logs, core dumps), move the state with MCP_O11Y_STATE_DIR, or grow the volume.',
      };
    },
  };
}

async function statExisting(directory: string): Promise<StatsFs> {
  try {
    return await statfs(directory);
  } catch (error) {
    const parent = dirname(directory);
    if ((error as { code?: unknown }).code !== 'ENOENT' || parent === directory) throw error;
    return statExisting(parent);
  }
}
