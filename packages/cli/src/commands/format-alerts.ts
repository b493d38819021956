import type { AlertV1, LabelMatcherV1 } from '@mcp-o11y/core';
import { UsageError } from '../cli-io.js';

const STATE_ORDER: Readonly<Record<string, number>> = { firing: 0, pending: 1, resolved: 2 };

/** A table of alerts, firing first: state, severity, name, fingerprint, since, notes, summary. */
export function formatAlertTable(alerts: readonly AlertV1[], now: number): string {
  if (alerts.length === 0) return 'No alerts.\n';
  const rows = [...alerts]
    .sort((a, b) => (STATE_ORDER[a.state] ?? 3) - (STATE_ORDER[b.state] ?? 3) || a.name.localeCompare(b.name))
    .map((alert) => {
      const notes = [
        alert.acknowledgedBy === undefined ? '' : `acked by ${alert.acknowledgedBy}`,
        alert.silencedBy.length > 0 ? 'silenced' : '',
        alert.inhibitedBy.length > 0 ? 'inhibited' : '',
      ].filter((note) => note !== '');
      return [
        alert.state,
        alert.severity,
        alert.name,
        alert.fingerprint,
        formatAge(now - (alert.firingSince ?? alert.activeSince)),
        notes.join(', ') || '-',
        alert.annotations.summary ?? '',
      ];
    });
  const header = ['STATE', 'SEVERITY', 'ALERT', 'FINGERPRINT', 'SINCE', 'NOTES', 'SUMMARY'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(render).join('\n')}\n`;
}

/** `42s`, `5m`, `3h12m`, `2d4h`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${minutes % 60 === 0 ? '' : `${minutes % 60}m`}`;
  const days = Math.floor(hours / 24);
  return `${days}d${hours % 24 === 0 ? '' : `${hours % 24}h`}`;
}

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/**
 * `--matcher` values: `severity=critical`, `gen_ai.tool.name!="search"`, `mcp.method.name=~"tools/.*"`.
 * @throws {UsageError} for anything else.
 */
export function parseMatcher(text: string): LabelMatcherV1 {
  const match = MATCHER.exec(text);
  if (match === null) {
    throw new UsageError(`alerts: --matcher "${text}" is not name=value (also !=, =~, !~)`);
  }
  const [, name = '', operator = '=', raw = ''] = match;
  let value = raw;
  if (/^".*"$/.test(raw)) {
    try {
      value = JSON.parse(raw) as string;
    } catch {
      throw new UsageError(`alerts: --matcher "${text}" has a badly quoted value`);
    }
  }
  return { name, operator: operator as LabelMatcherV1['operator'], value };
}
