import type { Observability } from '@mcp-o11y/core';
import { type RunningDashboard, startDashboard } from '@mcp-o11y/dashboard';

/** What {@link startDemoDashboard} needs. */
export interface DemoDashboardOptions {
  readonly observability: Observability;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** The in-memory backend's bucket width: the dashboard's sparklines and charts step by it. */
  readonly bucketSeconds: number;
}

/**
 * Serves @mcp-o11y/dashboard for the demo's handle on 127.0.0.1 (loopback: no token needed, and nothing
 * is opened in a browser). A taken port fails with what to do next, in the demo's own words.
 * @throws Error (rejects) when the port cannot be bound.
 */
export async function startDemoDashboard(options: DemoDashboardOptions): Promise<RunningDashboard> {
  try {
    return await startDashboard({
      observability: options.observability,
      host: '127.0.0.1',
      port: options.port,
      bucketSeconds: options.bucketSeconds,
      // One snapshot a second, like the table on stderr.
      tickMillis: 1_000,
    });
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === undefined) throw error;
    throw new Error(
      `[@mcp-o11y/example-demo] the dashboard cannot listen on 127.0.0.1:${options.port} (${code}); pass another --dashboard-port, or 0 for any free port.`,
      { cause: error },
    );
  }
}
