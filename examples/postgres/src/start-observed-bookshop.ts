import {
  createObservability,
  type InstrumentationName,
  instrument,
  type Observability,
  type ObservabilityOptions,
  observePool,
} from '@mcp-o11y/core';
import { DATABASE_NAME } from './bookshop-database.ts';
import type { BookshopServerOptions, RunningBookshop } from './server.ts';

/** The libraries instrumented: the HTTP server, express's routing and middleware, the pg driver. */
export const INSTRUMENTATIONS: readonly InstrumentationName[] = ['http', 'express', 'pg'];

/** The server and the pipeline it reports into. */
export interface ObservedBookshop {
  readonly observability: Observability;
  readonly server: RunningBookshop;
  /** Closes the server, then flushes and shuts the pipeline down (instrumentations disabled). */
  close(): Promise<void>;
}

/**
 * Code setup, in the one order that works: the pipeline first, with `instrumentations`, which enables the
 * pg, express and http instrumentations on its own providers; only then the server's module, whose
 * `import pg` and `import express` are what the instrumentations patch. Every request's `McpServer` is
 * instrumented and the pool's gauges are observed.
 */
export async function startObservedBookshop(
  options: Omit<BookshopServerOptions, 'instrument'> & { readonly observability?: ObservabilityOptions },
): Promise<ObservedBookshop> {
  const { observability: extra, ...serverOptions } = options;
  const observability = await createObservability({
    service: { name: 'bookshop-mcp' },
    instrumentations: INSTRUMENTATIONS,
    ...extra,
  });
  try {
    // Imported only now: a library is patched when it loads after its instrumentation was enabled.
    const { startBookshopServer } = await import('./server.ts');
    const server = await startBookshopServer({
      ...serverOptions,
      instrument: (mcpServer) => instrument(mcpServer, { observability }),
    });
    const gauges = observePool(server.pool, { name: DATABASE_NAME, observability });
    return {
      observability,
      server,
      close: async () => {
        await server.close();
        gauges.dispose();
        await observability.shutdown();
      },
    };
  } catch (error) {
    await observability.shutdown();
    throw error;
  }
}
