import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = new URL('./fixtures/process-errors.mjs', import.meta.url).pathname;

interface Exported {
  signal: 'span' | 'log';
  name?: string;
  status?: number;
  severity?: string;
  body?: string;
  attributes: Record<string, unknown>;
  events?: { name: string; attributes: Record<string, unknown> }[];
}

interface Run {
  code: number | null;
  /** Listener counts the fixture printed right after createObservability. */
  listeners: Record<string, number>;
  /** stderr after the fixture's "listeners" line: Node's own output and the app's handlers. */
  stderr: string;
  exported: Exported[];
}

/** Runs the fixture to its end; telemetry reaches the file only through a flush (10-minute batch delay). */
function run(env: Record<string, string>): Promise<Run> {
  const out = join(mkdtempSync(join(tmpdir(), 'mcp-o11y-process-errors-')), 'telemetry.jsonl');
  const child = spawn(process.execPath, [fixture], {
    env: {
      ...process.env,
      ...env,
      MCP_O11Y_TEST_OUT: out,
      OTEL_BSP_SCHEDULE_DELAY: '600000',
      OTEL_BLRP_SCHEDULE_DELAY: '600000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const match = /^listeners (.*)\n/m.exec(stderr);
      let exported: Exported[] = [];
      try {
        exported = readFileSync(out, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as Exported);
      } catch {
        // No file: nothing was exported.
      }
      resolve({
        code,
        listeners: match?.[1] === undefined ? {} : (JSON.parse(match[1]) as Record<string, number>),
        stderr: match === null ? stderr : stderr.slice(match.index + match[0].length),
        exported,
      });
    });
  });
}

const logs = (result: Run) => result.exported.filter((item) => item.signal === 'log');
const spans = (result: Run) => result.exported.filter((item) => item.signal === 'span');

describe('captureGlobalErrors in a real process', () => {
  it('an uncaught exception is recorded and exported, and the process still prints the stack and exits 1', async () => {
    const [captured, plain] = await Promise.all([
      run({ MODE: 'throw', CAPTURE: 'on', LOG_TO_STDERR: '1' }),
      run({ MODE: 'throw', CAPTURE: 'off', LOG_TO_STDERR: '1' }),
    ]);
    // What the process does is unchanged: same exit code, and apart from our one JSON log line the same
    // stack on stderr, byte for byte.
    expect(captured.code).toBe(1);
    expect(plain.code).toBe(1);
    const [logLine, ...nodeOutput] = captured.stderr.split('\n');
    expect(JSON.parse(logLine ?? '')).toMatchObject({
      level: 'fatal',
      message: 'uncaught exception: the process exits',
      err: { type: 'Error', message: 'boom from a timer' },
    });
    expect(nodeOutput.join('\n')).toContain('Error: boom from a timer');
    expect(nodeOutput.join('\n')).toContain('at Timeout.tick');
    expect(nodeOutput.join('\n')).toMatch(/Node\.js v\d+/);
    expect(nodeOutput.join('\n')).toBe(plain.stderr);

    // Recorded and exported before the process died: the log record, the short span, the traced span.
    expect(logs(captured)).toEqual([
      expect.objectContaining({
        severity: 'FATAL',
        body: 'uncaught exception: the process exits',
        attributes: expect.objectContaining({
          'error.type': 'connection',
          'mcp_o11y.error.origin': 'uncaught_exception',
          'exception.type': 'Error',
          'exception.message': 'boom from a timer',
        }),
      }),
    ]);
    const captureSpan = spans(captured).find((span) => span.name === 'uncaught_exception');
    expect(captureSpan?.status).toBe(2);
    expect(captureSpan?.events?.map((event) => event.attributes['exception.message'])).toEqual([
      'boom from a timer',
    ]);
    const tickSpan = spans(captured).find((span) => span.name === 'tick');
    expect(tickSpan?.attributes['error.type']).toBe('connection');
    // Without capture nothing flushes before the crash: the batch processors still held everything.
    expect(plain.exported).toEqual([]);
  });

  it('an unhandled rejection is recorded and exported, and the process still fails as Node 24 does by default', async () => {
    const [captured, plain] = await Promise.all([
      run({ MODE: 'reject', CAPTURE: 'on' }),
      run({ MODE: 'reject', CAPTURE: 'off' }),
    ]);
    expect(plain.code).toBe(1);
    expect(captured.code).toBe(plain.code);
    expect(captured.stderr).toContain('Error: rejected and forgotten');
    expect(captured.stderr).toBe(plain.stderr);
    // No unhandledRejection listener of ours: that alone would have kept the process alive.
    expect(captured.listeners.unhandledRejection).toBe(0);
    expect(logs(captured)).toEqual([
      expect.objectContaining({
        severity: 'FATAL',
        body: 'unhandled promise rejection: the process exits',
        attributes: expect.objectContaining({
          'mcp_o11y.error.origin': 'unhandled_rejection',
          'exception.message': 'rejected and forgotten',
        }),
      }),
    ]);
    expect(spans(captured).map((span) => span.name)).toEqual(['unhandled_rejection']);
  });

  it('with capture off, registers no listener and records nothing', async () => {
    const [plain, captured] = await Promise.all([
      run({ MODE: 'reject', CAPTURE: 'off' }),
      run({ MODE: 'reject', CAPTURE: 'on' }),
    ]);
    expect(plain.listeners).toEqual({
      uncaughtExceptionMonitor: 0,
      uncaughtException: 0,
      unhandledRejection: 0,
    });
    expect(captured.listeners).toEqual({
      uncaughtExceptionMonitor: 1,
      uncaughtException: 0,
      unhandledRejection: 0,
    });
    expect(plain.exported).toEqual([]);
  });

  it.each(['before', 'after'])(
    "an app's own unhandledRejection handler (added %s createObservability) still keeps the process alive",
    async (handler) => {
      const [captured, plain] = await Promise.all([
        run({ MODE: 'reject-handled', CAPTURE: 'on', HANDLER: handler }),
        run({ MODE: 'reject-handled', CAPTURE: 'off', HANDLER: handler }),
      ]);
      expect(plain.code).toBe(0);
      expect(captured.code).toBe(0);
      expect(captured.stderr).toBe('app handled: rejection the app handles\nstill alive\n');
      expect(captured.stderr).toBe(plain.stderr);
      // Observed alongside the app's handler, exported by the shutdown the fixture then runs.
      expect(logs(captured)).toEqual([
        expect.objectContaining({
          severity: 'ERROR',
          body: 'unhandled promise rejection',
          attributes: expect.objectContaining({
            'mcp_o11y.error.origin': 'unhandled_rejection',
            'exception.message': 'rejection the app handles',
          }),
        }),
      ]);
      expect(logs(plain)).toEqual([]);
    },
  );

  it("an app's own uncaughtException handler still keeps the process alive; the exception is recorded", async () => {
    const captured = await run({ MODE: 'throw-handled', CAPTURE: 'on' });
    expect(captured.code).toBe(0);
    expect(captured.stderr).toBe('app handled: caught by the app\nstill alive\n');
    expect(logs(captured)).toEqual([
      expect.objectContaining({ severity: 'ERROR', body: 'uncaught exception' }),
    ]);
  });
});
