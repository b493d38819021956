/**
 * STAND-IN until core's `instrument(server)` lands: a hand-written wrapper that records one tool call the
 * way the auto-instrumentation will — a SERVER span named `tools/call <tool>` with the MCP semantic
 * convention attributes, plus one observation in the in-memory window series `mcp.server.operation`.
 * Once `instrument(server)` exists, delete this file and call `instrument()` in demo-server.ts instead.
 */
import type { Observability } from '@mcp-o11y/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

type Series = ReturnType<NonNullable<Observability['store']>['series']>;

// Numeric values of `SpanKind.SERVER` and `SpanStatusCode.ERROR` from @opentelemetry/api, which the demo
// does not depend on directly; the instrumentation in core will use the named constants.
const SPAN_KIND_SERVER = 1;
const SPAN_STATUS_ERROR = 2;

/** Name of the window series every tool call is observed into. */
export const TOOL_CALL_SERIES = 'mcp.server.operation';

/** Wraps a tool handler so each call is traced and observed. */
export type RecordToolCall = <Args extends unknown[]>(
  tool: string,
  handler: (...args: Args) => Promise<CallToolResult>,
) => (...args: Args) => Promise<CallToolResult>;

/** Builds the wrapper over the handle's tracer and in-memory store. */
export function createToolCallRecorder(
  observability: Pick<Observability, 'tracer' | 'store'>,
): RecordToolCall {
  const { tracer, store } = observability;
  // One series handle per tool, looked up once: observing is then allocation-free.
  const seriesByTool = new Map<string, Series>();
  const seriesFor = (tool: string): Series | undefined => {
    if (store === undefined) return undefined;
    let series = seriesByTool.get(tool);
    if (series === undefined) {
      series = store.series(TOOL_CALL_SERIES, { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': tool });
      seriesByTool.set(tool, series);
    }
    return series;
  };

  return (tool, handler) => {
    const spanName = `tools/call ${tool}`;
    const attributes = {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': tool,
      'gen_ai.operation.name': 'execute_tool',
    };
    const series = seriesFor(tool);
    return async (...args) => {
      const span = tracer.startSpan(spanName, { kind: SPAN_KIND_SERVER, attributes });
      const startedAt = performance.now();
      let isError = false;
      try {
        const result = await handler(...args);
        if (result.isError === true) {
          isError = true;
          span.setAttribute('error.type', 'tool_error');
          span.setStatus({ code: SPAN_STATUS_ERROR, message: firstText(result) });
        }
        return result;
      } catch (error) {
        isError = true;
        const type = error instanceof Error ? error.constructor.name : typeof error;
        span.setAttribute('error.type', type);
        if (error instanceof Error) span.recordException(error);
        span.setStatus({
          code: SPAN_STATUS_ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        series?.observe((performance.now() - startedAt) / 1000, isError);
        span.end();
      }
    };
  };
}

function firstText(result: CallToolResult): string | undefined {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : undefined;
}
