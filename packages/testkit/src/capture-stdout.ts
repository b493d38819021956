import { format } from 'node:util';

/** What {@link captureStdout} returns. */
export interface StdoutCapture {
  /** Everything written to stdout since the capture started, one entry per write or console call. */
  readonly writes: readonly string[];
  /** Puts the original `process.stdout.write` and console methods back. Idempotent. */
  restore(): void;
}

/** Options of {@link captureStdout}. */
export interface CaptureStdoutOptions {
  /** Still write to the real stdout (or the test runner's console). Default true, so output stays visible. */
  readonly passThrough?: boolean;
}

// The console methods that print to stdout. Test runners replace `console` with their own instance that
// does not go through `process.stdout.write`, so both have to be watched.
const stdoutConsoleMethods = ['log', 'info', 'debug', 'dir', 'dirxml', 'table'] as const;

/**
 * Records writes to stdout, for "never writes to stdout" assertions: in a stdio MCP server stdout is the
 * protocol, and one stray line corrupts it. Always call `restore()` (in a `finally` or `afterEach`).
 */
export function captureStdout(options: CaptureStdoutOptions = {}): StdoutCapture {
  const passThrough = options.passThrough ?? true;
  const writes: string[] = [];
  const stdout = process.stdout;
  const originalWrite = stdout.write;
  // biome-ignore lint/suspicious/noConsole: saving the console methods in order to watch them
  const originalConsole = stdoutConsoleMethods.map((method) => [method, console[method]] as const);
  // Node's own console writes through `process.stdout.write`: count such a call once, not twice.
  let insideConsole = false;

  stdout.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (!insideConsole) {
      writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    }
    if (passThrough) return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  } as typeof stdout.write;

  for (const [method, original] of originalConsole) {
    console[method] = (...args: unknown[]): void => {
      writes.push(`${format(...args)}\n`);
      if (!passThrough) return;
      insideConsole = true;
      try {
        (original as (...values: unknown[]) => void).apply(console, args);
      } finally {
        insideConsole = false;
      }
    };
  }

  let restored = false;
  return {
    writes,
    restore() {
      if (restored) return;
      restored = true;
      stdout.write = originalWrite;
      for (const [method, original] of originalConsole) {
        (console as unknown as Record<string, unknown>)[method] = original;
      }
    },
  };
}
