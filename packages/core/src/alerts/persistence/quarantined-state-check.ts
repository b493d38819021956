import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';
import { QUARANTINED_FILE_PATTERN } from './file-state-store.js';

/**
 * `alert-state`: warns while the state directory holds files the `FileStateStore` moved aside as corrupt
 * (`<key>.json.corrupt-<ms>`). Their keys started empty, so alerts may have been re-sent or silences and
 * incidents lost: a one-off log line is easy to miss, a warning on `/health/detailed` and the dashboard is
 * not. It clears once the files are deleted. Reads the directory only; a missing one passes.
 */
export function quarantinedStateCheck(directory: string): HealthCheckV1 {
  return {
    specificationVersion: 'v1',
    name: 'alert-state',
    async check() {
      let names: string[];
      try {
        names = await readdir(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return { status: 'pass', message: 'no alert state saved yet' };
        }
        throw error;
      }
      const moved = names.filter((name) => QUARANTINED_FILE_PATTERN.test(name)).sort();
      const details = { componentType: 'datastore', observedValue: moved.length, directory };
      if (moved.length === 0) return { status: 'pass', message: 'alert state files are valid', details };
      const shown = moved.slice(0, 5).join(', ') + (moved.length > 5 ? `, … (${moved.length - 5} more)` : '');
      return {
        status: 'warn',
        message: `${moved.length} corrupt alert state file(s) were moved aside and their state started empty: ${shown}`,
        details: { ...details, files: moved.slice(0, 20).map((name) => path.join(directory, name)) },
        remediation:
          'Alert states, silences or incidents of those keys were lost and alerts may have notified again. ' +
          'Inspect the moved files (a disk fault, a hand edit, another tool), then delete them to clear this warning.',
      };
    },
  };
}
