import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotificationAlertV1, NotificationV1, SeverityV1 } from '../spec/notifier/v1/notification-v1.js';
import { type ConsoleNotifierStream, consoleNotifier } from './console-notifier.js';
import { DeliveryPipeline } from './delivery/delivery-pipeline.js';

const startsAt = Date.UTC(2026, 0, 15, 9, 30, 0);
const endsAt = startsAt + 20 * 60_000;

function alert(
  severity: SeverityV1,
  status: 'firing' | 'resolved',
  overrides: Partial<NotificationAlertV1> = {},
) {
  return {
    fingerprint: `HighErrorRate:get_forecast:${severity}`,
    name: 'HighErrorRate',
    severity,
    status,
    labels: { alertname: 'HighErrorRate', tool: 'get_forecast' },
    annotations: { summary: 'Error rate of get_forecast is 7.5 % over 5 min', description: 'More text.' },
    value: 0.075_123,
    startsAt,
    ...(status === 'resolved' ? { endsAt } : {}),
    runbookUrl: 'https://runbooks.example.com/mcp/HighErrorRate',
    ...overrides,
  } satisfies NotificationAlertV1;
}

function notification(alerts: NotificationAlertV1[]): NotificationV1 {
  const first = alerts[0]!;
  return {
    groupKey: '{alertname="HighErrorRate"}',
    status: alerts.some((each) => each.status === 'firing') ? 'firing' : 'resolved',
    severity: first.severity,
    title: `[${first.status.toUpperCase()}] ${first.name}`,
    alerts,
    commonLabels: { alertname: 'HighErrorRate' },
    service: 'weather-mcp',
  };
}

function recordingStream(isTTY = false): ConsoleNotifierStream & { chunks: string[] } {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (chunk: string) => chunks.push(chunk) };
}

const signal = new AbortController().signal;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('consoleNotifier', () => {
  it('writes one line per alert, for every severity firing and resolved', async () => {
    vi.stubEnv('FORCE_COLOR', '');
    const stream = recordingStream();
    const notifier = consoleNotifier({ stream });
    expect(notifier).toMatchObject({ specificationVersion: 'v1', id: 'console' });
    for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
      for (const status of ['firing', 'resolved'] as const) {
        expect(await notifier.send(notification([alert(severity, status)]), { signal })).toEqual({
          status: 'delivered',
        });
      }
    }
    await notifier.send(
      notification([
        alert('critical', 'firing'),
        alert('critical', 'resolved', { labels: { tool: 'search' } }),
      ]),
      { signal },
    );
    expect(stream.chunks.join('')).toMatchSnapshot();
    expect(stream.chunks.at(-1)?.split('\n')).toHaveLength(3);
  });

  it('neutralises control characters and clips long text, so a label cannot forge lines or escapes', async () => {
    const stream = recordingStream();
    const hostile = alert('high', 'firing', {
      name: 'Bad\nName',
      labels: { tool: 'x\u001b[2J\rFAKE RESOLVED', empty: '' },
      annotations: { summary: `line one\nline two ${'long '.repeat(100)}` },
    });
    await consoleNotifier({ stream, colors: false }).send(notification([hostile]), { signal });
    const [line, rest] = stream.chunks[0]!.split('\n');
    expect(rest).toBe('');
    expect([...line!].filter((character) => character.charCodeAt(0) < 0x20)).toEqual([]);
    expect(line).toContain('Bad Name');
    expect(line).toContain('tool="x [2J FAKE RESOLVED" empty=""');
    expect(line).toContain('— line one line two long long');
    expect(line!.length).toBeLessThan(400);
  });

  it('colours only a TTY, unless NO_COLOR or FORCE_COLOR say otherwise', async () => {
    const lineFor = async (isTTY: boolean) => {
      const stream = recordingStream(isTTY);
      await consoleNotifier({ stream }).send(notification([alert('critical', 'firing')]), { signal });
      return stream.chunks[0]!;
    };
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', '');
    expect(await lineFor(true)).toContain('\u001b[1m\u001b[31mFIRING');
    expect(await lineFor(false)).not.toContain('\u001b[');
    vi.stubEnv('NO_COLOR', '1');
    expect(await lineFor(true)).not.toContain('\u001b[');
    vi.stubEnv('FORCE_COLOR', '1');
    expect(await lineFor(false)).toContain('\u001b[');
  });

  it('writes to stderr by default and never to stdout', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write');
    await consoleNotifier().send(notification([alert('medium', 'firing')]), { signal });
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('HighErrorRate');
    expect(stdout).not.toHaveBeenCalled();
  });

  it('reports a stream that throws as a failed delivery instead of throwing', async () => {
    const stream = {
      write: () => {
        throw new Error('write EPIPE');
      },
    };
    expect(
      await consoleNotifier({ stream, id: 'local' }).send(notification([alert('low', 'firing')]), { signal }),
    ).toEqual({ status: 'failed', reason: 'cannot write to the console stream: write EPIPE' });
  });

  it('delivers through the DeliveryPipeline as the embedded default channel', async () => {
    const stream = recordingStream();
    const pipeline = new DeliveryPipeline({ notifiers: [consoleNotifier({ stream, colors: false })] });
    const resolved = notification([alert('high', 'resolved')]);
    expect(await pipeline.deliver('console', resolved)).toEqual({ status: 'delivered', attempts: 1 });
    await pipeline.close();
    expect(stream.chunks).toEqual([
      expect.stringMatching(/^2026-01-15T09:50:00Z RESOLVED high {5}HighErrorRate /),
    ]);
  });
});
