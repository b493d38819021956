import { type AttributeValue, context, trace } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import { describeStatement, STATEMENT_HASH_ATTRIBUTE, statementPreview } from './describe-statement.js';
import { dialectOfSystem } from './normalize-statement.js';
import type { StatementPolicy } from './statement-options.js';

/** Statement text attributes of the semantic conventions, current first. */
export const STATEMENT_TEXT_ATTRIBUTES = ['db.query.text', 'db.statement'] as const;

/** Attributes holding bound parameter values: literals by definition, never exported. */
export const STATEMENT_VALUE_ATTRIBUTES = ['db.postgresql.values'] as const;

/** Marks spans of `createIntegration` calls, which describe and time their statements themselves. */
const integrationAttribute = 'mcp_o11y.integration.name';

/**
 * First in the pipeline, before any backend sees a span: applies the statement policy to the statement
 * text every instrumentation records (pg, mysql2, …). In `onEnding`, while the span can still change, it
 * replaces the text by its normalised, capped form when recording is on and removes it otherwise, adds
 * `mcp_o11y.db.query.hash`, drops parameter values, and logs spans slower than `slowThresholdMs`.
 * Spans without a statement pay two property reads.
 */
export class StatementSpanProcessor implements SpanProcessor {
  readonly #policy: StatementPolicy;
  readonly #logger: LoggerV1;

  constructor(policy: StatementPolicy, logger: LoggerV1) {
    this.#policy = policy;
    this.#logger = logger;
  }

  onStart(): void {}

  onEnding(span: Span): void {
    // The SDK span's attributes are a plain object until the span has ended; removing a key is the only
    // way to take an attribute back, and nothing has exported the span yet.
    const attributes = span.attributes as Record<string, AttributeValue | undefined>;
    for (const key of STATEMENT_VALUE_ATTRIBUTES) {
      if (attributes[key] !== undefined) delete attributes[key];
    }
    const text = attributes[STATEMENT_TEXT_ATTRIBUTES[0]] ?? attributes[STATEMENT_TEXT_ATTRIBUTES[1]];
    if (text === undefined) return;
    // An integration span already holds the described form (or nothing) and timed itself.
    if (attributes[STATEMENT_HASH_ATTRIBUTE] !== undefined) return;
    try {
      this.#apply(span, attributes, String(text));
    } catch {
      // Fail closed: a statement that could not be reduced must not leave as it is.
      for (const key of STATEMENT_TEXT_ATTRIBUTES) delete attributes[key];
    }
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  #apply(span: Span, attributes: Record<string, AttributeValue | undefined>, text: string): void {
    const system = attributes['db.system.name'] ?? attributes['db.system'];
    const described = describeStatement(text, dialectOfSystem(system));
    const preview = this.#policy.record ? statementPreview(described, this.#policy.maxLength) : undefined;
    for (const key of STATEMENT_TEXT_ATTRIBUTES) {
      if (attributes[key] === undefined) continue;
      if (preview === undefined) delete attributes[key];
      else span.setAttribute(key, preview);
    }
    span.setAttribute(STATEMENT_HASH_ATTRIBUTE, described.hash);
    const threshold = this.#policy.slowThresholdMs;
    if (threshold === undefined || attributes[integrationAttribute] !== undefined) return;
    const durationMs = hrTimeToMilliseconds(span.duration);
    if (durationMs <= threshold) return;
    const fields: Record<string, unknown> = {
      'db.system.name': system,
      [STATEMENT_HASH_ATTRIBUTE]: described.hash,
      duration_ms: Math.round(durationMs),
      threshold_ms: threshold,
    };
    if (preview !== undefined) fields['db.query.text'] = preview;
    // Logged in the span's own context, so the line carries its trace_id and span_id.
    context.with(trace.setSpan(context.active(), span), () =>
      this.#logger.warn(
        `[@mcp-o11y/core] slow database call "${span.name}": ${Math.round(durationMs)} ms, over the ${threshold} ms threshold.`,
        fields,
      ),
    );
  }
}
