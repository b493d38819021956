import { describe, expect, it } from 'vitest';
import { DEFAULT_DASHBOARD_PORT, DEFAULT_SEED, parseArgs } from '../src/parse-args.ts';

describe('parseArgs', () => {
  it('defaults to an ephemeral port, no duration, 4 in flight and the default seed', () => {
    expect(parseArgs([], {})).toEqual({
      port: 0,
      dashboardPort: DEFAULT_DASHBOARD_PORT,
      durationSeconds: undefined,
      concurrency: 4,
      seed: DEFAULT_SEED,
      notifyTest: false,
      configPath: undefined,
      help: false,
    });
  });

  it('reads the port from MCP_O11Y_DEMO_PORT, and --port wins over it', () => {
    expect(parseArgs([], { MCP_O11Y_DEMO_PORT: '8123' }).port).toBe(8123);
    expect(parseArgs(['--port', '9000'], { MCP_O11Y_DEMO_PORT: '8123' }).port).toBe(9000);
  });

  it('puts the dashboard on 9465 by default, else MCP_O11Y_DASHBOARD_PORT, and --dashboard-port wins', () => {
    expect(DEFAULT_DASHBOARD_PORT).toBe(9465);
    expect(parseArgs([], { MCP_O11Y_DASHBOARD_PORT: '0' }).dashboardPort).toBe(0);
    expect(parseArgs(['--dashboard-port', '9500'], { MCP_O11Y_DASHBOARD_PORT: '0' }).dashboardPort).toBe(
      9500,
    );
  });

  it('reads every option, and ignores the -- that pnpm may pass through', () => {
    expect(
      parseArgs([
        '--',
        '--duration',
        '2.5',
        '--concurrency',
        '8',
        '--seed',
        '3',
        '--dashboard-port',
        '0',
        '--help',
      ]),
    ).toEqual({
      port: 0,
      dashboardPort: 0,
      durationSeconds: 2.5,
      concurrency: 8,
      seed: 3,
      notifyTest: false,
      configPath: undefined,
      help: true,
    });
  });

  it('reads --notify-test and its --config, keeping the path as typed', () => {
    expect(parseArgs(['--', '--notify-test', '--config', 'conf/mcp-o11y.config.yaml'])).toMatchObject({
      notifyTest: true,
      configPath: 'conf/mcp-o11y.config.yaml',
    });
    expect(parseArgs(['--notify-test'])).toMatchObject({ notifyTest: true, configPath: undefined });
  });

  it.each([
    [['--port', '70000'], /--port must be an integer from 0 to 65535, got "70000"/],
    [['--dashboard-port', '65536'], /--dashboard-port must be an integer from 0 to 65535, got "65536"/],
    [['--duration', '0'], /--duration must be a positive number of seconds/],
    [['--concurrency', 'two'], /--concurrency must be an integer/],
    [['--verbose'], /Unknown option '--verbose'[\s\S]*Usage:/],
    [['--config', 'x.yaml'], /--config only applies to --notify-test/],
    [['--notify-test', '--config', ''], /--config needs a file path/],
  ])('refuses %j with a message naming the option', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('refuses a bad MCP_O11Y_DEMO_PORT too', () => {
    expect(() => parseArgs([], { MCP_O11Y_DEMO_PORT: 'http' })).toThrow(/--port must be an integer/);
  });
});
