import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FLAKY_TOOL, TOOL_NAMES } from '../src/demo-tools.ts';
import { type DemoProcess, parseLastTable, runDemo } from './run-demo.ts';

let demo: DemoProcess | undefined;

afterEach(() => {
  // A failed assertion must not leave a demo running.
  if (demo !== undefined && demo.child.exitCode === null && demo.child.signalCode === null)
    demo.child.kill('SIGKILL');
  demo = undefined;
});

describe('the demo process', () => {
  it('runs for --duration, prints live and final tables on stderr only, and exits 0', async () => {
    demo = runDemo(['--duration', '3']);
    const { code, signal } = await demo.exited;
    const stderr = demo.stderr();

    expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
    expect(demo.stdout()).toBe('');
    expect(stderr).toMatch(/MCP server listening on http:\/\/127\.0\.0\.1:\d+\/mcp/);
    expect(parseLastTable(stderr, 'live')?.size, stderr).toBeGreaterThan(0);

    const final = parseLastTable(stderr, 'final summary');
    expect(final, stderr).toBeDefined();
    for (const tool of TOOL_NAMES) {
      expect(final?.get(tool)?.calls, `${tool} in\n${stderr}`).toBeGreaterThan(0);
    }
    expect(final?.get(FLAKY_TOOL)?.errors, stderr).toBeGreaterThanOrEqual(1);
    const total = final?.get('all tools');
    const sum = TOOL_NAMES.reduce((calls, tool) => calls + (final?.get(tool)?.calls ?? 0), 0);
    expect(total?.calls).toBe(sum);
    // Non-TTY output is plain text: no cursor movement for a log file to choke on.
    expect(stderr).not.toContain('\x1b[');
  });

  it('stops cleanly on SIGINT after the first table: exit code 0 and a final summary', async () => {
    demo = runDemo([]);
    await demo.waitForStderr('mcp-o11y demo | live');
    demo.child.kill('SIGINT');
    const { code, signal } = await demo.exited;
    const stderr = demo.stderr();

    expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
    expect(demo.stdout()).toBe('');
    expect(stderr).toContain('SIGINT received, shutting down');
    const final = parseLastTable(stderr, 'final summary');
    expect(final?.get('all tools')?.calls, stderr).toBeGreaterThan(0);
    // Shutting down came after the last live table, and the final summary after both.
    expect(stderr.lastIndexOf('| live |')).toBeLessThan(stderr.indexOf('SIGINT received'));
    expect(stderr.indexOf('SIGINT received')).toBeLessThan(stderr.indexOf('final summary'));
  });

  it('stops cleanly on SIGTERM even while still starting up', async () => {
    demo = runDemo([]);
    // The server is up, the client not yet connected.
    await demo.waitForStderr('MCP server listening');
    demo.child.kill('SIGTERM');
    const { code, signal } = await demo.exited;
    const stderr = demo.stderr();
    expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
    expect(stderr).toContain('SIGTERM received, shutting down');
    expect(stderr).toContain('mcp-o11y demo | final summary');
    expect(demo.stdout()).toBe('');
  });

  it('listens on MCP_O11Y_DEMO_PORT, and says what to do when that port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      demo = runDemo(['--duration', '1'], { MCP_O11Y_DEMO_PORT: String(port) });
      const { code } = await demo.exited;
      expect(code).toBe(1);
      expect(demo.stderr()).toContain(
        `cannot listen on 127.0.0.1:${port} (EADDRINUSE); pass another --port, or 0 for any free port.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('refuses a bad option with the usage and exit code 2', async () => {
    demo = runDemo(['--duration', 'soon']);
    const { code } = await demo.exited;
    expect(code).toBe(2);
    expect(demo.stderr()).toContain('--duration must be a positive number of seconds, got "soon"');
    expect(demo.stdout()).toBe('');
  });
});
