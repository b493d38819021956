import * as nodeModule from 'node:module';
import { loadConfig } from '../config/load-config.js';
import { createObservability } from '../pipeline/create-observability.js';
import type { Instrumentation } from './instrumentation.js';
import { instrumentationFor } from './instrumentation.js';
import { appendClassHook, patchSdkClass, SDK_CLASS_HOOK } from './patch-sdk-classes.js';

type LoadHook = (
  url: string,
  context: unknown,
  nextLoad: (
    url: string,
    context: unknown,
  ) => { format?: string; source?: string | ArrayBuffer | ArrayBufferView | null },
) => { format?: string; source?: string | ArrayBuffer | ArrayBufferView | null };

/**
 * Zero-code setup: `node --import @mcp-o11y/core/register server.js` (or `--require` for CommonJS).
 * Creates the pipeline from `loadConfig()` (`MCP_O11Y_CONFIG`, a config file in the working directory,
 * or env only) and instruments every SDK v1 and v2 server and client the process creates, ESM or CJS.
 * Writes nothing to stdout; a failure is reported on stderr and leaves the server uninstrumented.
 */
export function register(): void {
  const holder = globalThis as Record<symbol, unknown>;
  if (holder[SDK_CLASS_HOOK] !== undefined) return;
  let ready: Promise<Instrumentation | undefined> | undefined;
  const whenReady = (): Promise<Instrumentation | undefined> => {
    ready ??= loadConfig()
      .then((options) => createObservability(options))
      .then((observability) => instrumentationFor({ observability }))
      .catch((error: unknown) => {
        process.stderr.write(
          `[@mcp-o11y/core] zero-code setup failed, the server runs uninstrumented: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        return undefined;
      });
    return ready;
  };
  holder[SDK_CLASS_HOOK] = (name: string, sdkClass: unknown) => patchSdkClass(name, sdkClass, whenReady);
  const registerHooks = (nodeModule as { registerHooks?: (hooks: { load: LoadHook }) => unknown })
    .registerHooks;
  if (typeof registerHooks !== 'function') {
    process.stderr.write(
      '[@mcp-o11y/core] zero-code instrumentation needs Node.js 22.15 or later (module.registerHooks).\n',
    );
    return;
  }
  registerHooks({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      if (!url.includes('/@modelcontextprotocol/') || result.source === undefined || result.source === null)
        return result;
      const source =
        typeof result.source === 'string'
          ? result.source
          : Buffer.from(result.source as ArrayBuffer).toString('utf8');
      const rewritten = appendClassHook(url, source);
      return rewritten === source ? result : { ...result, source: rewritten };
    },
  });
  // Start now so the pipeline is usually ready before the first connect.
  void whenReady();
}
