import type { NotificationAlertV1, NotificationV1, SeverityV1 } from '../spec/notifier/v1/notification-v1.js';
import type { DeliveryResultV1, NotifierV1 } from '../spec/notifier/v1/notifier-v1.js';

/** Where the console notifier writes: `process.stderr` or anything with the same `write`. */
export interface ConsoleNotifierStream {
  /** Writes one chunk of text. */
  write(chunk: string): unknown;
  /** Whether it is a terminal; colours are used only then (unless `colors` says otherwise). */
  readonly isTTY?: boolean;
}

/** Options of {@link consoleNotifier}. */
export interface ConsoleNotifierOptions {
  /** Notifier id, as routes name it. Default `console`. */
  readonly id?: string;
  /** Where the lines go. Default `process.stderr`; never stdout, which is the protocol of a stdio server. */
  readonly stream?: ConsoleNotifierStream;
  /**
   * ANSI colours. Default: on when the stream is a TTY, off when env `NO_COLOR` is set (read when the
   * notifier is created), forced on by env `FORCE_COLOR` (other than `0`).
   */
  readonly colors?: boolean;
}

const ansi = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m' } as const;
const severityColour: Readonly<Record<SeverityV1, string>> = {
  low: '\u001b[36m',
  medium: '\u001b[33m',
  high: '\u001b[35m',
  critical: '\u001b[31m',
};
const resolvedColour = '\u001b[32m';
const longestText = 200;

/**
 * A notifier writing one compact human line per alert to stderr: the embedded default, so alerts show up
 * firing and resolving with no account anywhere. Labels and annotations are printed with control
 * characters removed (no terminal escapes or extra lines from label values) and long text clipped.
 *
 * @example
 * 2026-01-15T09:30:00Z FIRING   critical ServerDown service=weather-mcp tool=get_forecast — No successful request for 5 min (value 0)
 */
export function consoleNotifier(options: ConsoleNotifierOptions = {}): NotifierV1 {
  const stream = options.stream ?? process.stderr;
  const colors = options.colors ?? colorsFromEnvironment(stream);
  return {
    specificationVersion: 'v1',
    id: options.id ?? 'console',
    async send(notification: NotificationV1, { signal }): Promise<DeliveryResultV1> {
      if (signal.aborted) return { status: 'retryable', reason: 'aborted before writing' };
      const text = notification.alerts
        .map((alert) => `${formatAlertLine(alert, notification, colors)}\n`)
        .join('');
      try {
        stream.write(text);
      } catch (error) {
        return {
          status: 'failed',
          reason: `cannot write to the console stream: ${(error as Error).message}`,
        };
      }
      return { status: 'delivered' };
    },
  };
}

/** The line for one alert, without the newline. */
export function formatAlertLine(
  alert: NotificationAlertV1,
  notification: NotificationV1,
  colors: boolean,
): string {
  const at = alert.status === 'resolved' ? (alert.endsAt ?? alert.startsAt) : alert.startsAt;
  const status = alert.status.toUpperCase().padEnd(8);
  const severity = alert.severity.padEnd(8);
  const labels = Object.entries({ service: notification.service, ...alert.labels })
    .filter(([name]) => name !== 'alertname' && name !== 'severity')
    .map(([name, value]) => `${clean(name)}=${quoteIfNeeded(clean(value))}`)
    .join(' ');
  const summary = alert.annotations.summary ?? alert.annotations.description;
  const value = alert.value === undefined ? '' : ` (value ${Number(alert.value.toPrecision(4))})`;
  const text = summary === undefined ? '' : ` — ${clip(clean(summary))}`;
  const runbook = alert.runbookUrl === undefined ? '' : ` runbook: ${clean(alert.runbookUrl)}`;
  const time = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const head = `${status} ${severity} ${clean(alert.name)}`;
  if (!colors) return `${time} ${head} ${labels}${text}${value}${runbook}`;
  const colour = alert.status === 'resolved' ? resolvedColour : severityColour[alert.severity];
  const weight = alert.severity === 'critical' && alert.status === 'firing' ? ansi.bold : '';
  return `${ansi.dim}${time}${ansi.reset} ${weight}${colour}${head}${ansi.reset} ${labels}${text}${value}${ansi.dim}${runbook}${ansi.reset}`;
}

function colorsFromEnvironment(stream: ConsoleNotifierStream): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

// C0 and C1 controls (ESC, CSI, CR, LF, …) and line/paragraph separators become spaces, then runs collapse.
function clean(text: string): string {
  let cleaned = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    cleaned += control ? ' ' : character;
  }
  return cleaned.replace(/ {2,}/g, ' ').trim();
}

function quoteIfNeeded(value: string): string {
  return value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value;
}

function clip(text: string): string {
  const characters = [...text];
  return characters.length > longestText ? `${characters.slice(0, longestText - 1).join('')}…` : text;
}
