import type { StoredSpan } from '@mcp-o11y/core';
import { TOOL_LABEL } from './build-tools.js';

/** One row of `GET /api/clients`. */
export interface ClientRow {
  /** `mcp.client.name` from the client's `initialize`; `(unknown)` when it sent none. */
  readonly name: string;
  /** `mcp.client.version`, the latest seen. */
  readonly version: string | null;
  readonly requests: number;
  readonly errors: number;
  readonly errorRatio: number;
  /** Tool calls by tool name, busiest first. */
  readonly tools: { readonly name: string; readonly calls: number }[];
  /** Epoch milliseconds. */
  readonly lastSeenAt: number;
}

/** `GET /api/clients`. */
export interface ClientsView {
  /**
   * Where the numbers come from: the store's series carry no client label, so they are counted over the
   * stored server spans, a sample (successful spans are capped per second; errors are all kept).
   */
  readonly source: 'spans';
  readonly spansExamined: number;
  /** Busiest first. */
  readonly clients: ClientRow[];
}

/** Per-client usage from the recent server spans. Pure. */
export function buildClients(spans: readonly StoredSpan[]): ClientsView {
  const rows = new Map<
    string,
    { version: string | null; requests: number; errors: number; tools: Map<string, number>; last: number }
  >();
  let examined = 0;
  for (const span of spans) {
    if (span.kind !== 'server' || span.attributes['mcp.method.name'] === undefined) continue;
    examined += 1;
    const name = String(span.attributes['mcp.client.name'] ?? '(unknown)');
    let row = rows.get(name);
    if (row === undefined) {
      row = { version: null, requests: 0, errors: 0, tools: new Map(), last: 0 };
      rows.set(name, row);
    }
    const end = span.startTimeMs + span.durationMs;
    if (end >= row.last) {
      row.last = end;
      const version = span.attributes['mcp.client.version'];
      if (version !== undefined) row.version = String(version);
    }
    row.requests += 1;
    if (span.status === 'error') row.errors += 1;
    const tool = span.attributes[TOOL_LABEL];
    if (tool !== undefined) row.tools.set(String(tool), (row.tools.get(String(tool)) ?? 0) + 1);
  }
  const clients = [...rows.entries()].map(
    ([name, row]): ClientRow => ({
      name,
      version: row.version,
      requests: row.requests,
      errors: row.errors,
      errorRatio: row.requests === 0 ? 0 : row.errors / row.requests,
      tools: [...row.tools.entries()]
        .map(([tool, calls]) => ({ name: tool, calls }))
        .sort((left, right) => right.calls - left.calls),
      lastSeenAt: Math.round(row.last),
    }),
  );
  clients.sort((left, right) => right.requests - left.requests || left.name.localeCompare(right.name));
  return { source: 'spans', spansExamined: examined, clients };
}
