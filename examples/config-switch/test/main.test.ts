import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BackendReceiver,
  jaegerReceiver,
  otlpReceiver,
  zipkinReceiver,
} from './support/backend-receivers.ts';
import { INTEGRATION_SPAN_NAME, TOOL_SPAN_NAME } from './support/trace-span.ts';

const run = promisify(execFile);
const exampleDirectory = fileURLToPath(new URL('..', import.meta.url));

let receiver: BackendReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

// The three runs of the README, as a user types them; only --config and the endpoint variable change.
describe.each([
  { config: 'configs/otlp.yaml', start: () => otlpReceiver() },
  { config: 'configs/zipkin.yaml', start: () => zipkinReceiver() },
  { config: 'configs/jaeger.yaml', start: () => jaegerReceiver('otlp') },
])('node src/main.ts --config $config', ({ config, start }) => {
  it('prints one trace id per call, and the backend holds those traces', async () => {
    receiver = await start();
    const { stdout, stderr } = await run(
      process.execPath,
      ['src/main.ts', '--config', config, '--calls', '2'],
      { cwd: exampleDirectory, env: { PATH: process.env.PATH ?? '', ...receiver.env }, timeout: 20_000 },
    );
    expect(stdout).toBe('');
    expect(stderr).toContain('config-switch: flushed; look the trace ids up in your backend.');
    const printed = [...stderr.matchAll(/trace ([0-9a-f]{32}): (.*)/g)].map((match) => ({
      traceId: match[1] ?? '',
      spans: match[2] ?? '',
    }));
    const forecasts = printed.filter((trace) => trace.spans.includes(TOOL_SPAN_NAME));
    expect(forecasts).toHaveLength(2);

    const spans = receiver.spans();
    for (const { traceId } of forecasts) {
      const names = spans
        .filter((span) => span.traceId === traceId)
        .map((span) => `${span.name} ${span.kind}`);
      expect(names.sort()).toEqual(
        [`${INTEGRATION_SPAN_NAME} client`, `${TOOL_SPAN_NAME} client`, `${TOOL_SPAN_NAME} server`].sort(),
      );
    }
  });
});
