import type { Attributes, Histogram, Meter } from '@opentelemetry/api';
import type { InMemoryBackend } from '../store/in-memory-backend.js';
import type { MetricEntry } from './operation-cache.js';
import {
  METRIC_RESULT_SIZE,
  METRIC_RESULT_TOKENS,
  RESULT_SIZE_BUCKETS_BYTES,
  RESULT_TOKEN_BUCKETS,
  SERIES_RESULT_SIZE,
} from './semantic-conventions.js';

/** What a sized result is: the shape its text is read from. */
export type ResultKind = 'tool' | 'resource' | 'prompt';

/** The kind of result `method` answers with, for the three methods whose results reach a model. */
export function resultKindOf(method: string): ResultKind | undefined {
  if (method === 'tools/call') return 'tool';
  if (method === 'resources/read') return 'resource';
  if (method === 'prompts/get') return 'prompt';
  return undefined;
}

/** UTF-8 bytes of the JSON of `result`, as a JSON-RPC transport serialises it. @throws what `JSON.stringify` throws (a cycle, a BigInt). */
export function resultBytes(result: unknown): number {
  const known = textToolResultBytes(result);
  if (known >= 0) return known;
  const json = JSON.stringify(result);
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

// Characters JSON.stringify writes other than as themselves: quote, backslash, controls, lone surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it looks for.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** `{"content":[]}` */
const EMPTY_CONTENT_BYTES = 14;
/** `{"type":"text","text":""}` */
const EMPTY_TEXT_BLOCK_BYTES = 25;

/**
 * The most common tool result, `{ content: [{ type: 'text', text }, …] }` with nothing else, sized without
 * serialising it: the JSON around the texts is fixed, and a text with nothing to escape is its UTF-8 length
 * plus its quotes. About a quarter of `JSON.stringify` + `Buffer.byteLength` on a short result, and the
 * serialisation of a large text is skipped altogether. -1 for any other shape or a text with characters
 * to escape: the caller then serialises. Exact: `result-sizes.test.ts` compares it with `JSON.stringify`.
 */
function textToolResultBytes(result: unknown): number {
  if (typeof result !== 'object' || result === null || Object.getPrototypeOf(result) !== Object.prototype) {
    return -1;
  }
  let keys = 0;
  for (const key in result) {
    if (key !== 'content') return -1;
    keys++;
  }
  const content = (result as { content?: unknown }).content;
  if (keys !== 1 || !Array.isArray(content)) return -1;
  let bytes = EMPTY_CONTENT_BYTES + (content.length > 0 ? content.length - 1 : 0);
  for (const block of content as unknown[]) {
    if (typeof block !== 'object' || block === null || Object.getPrototypeOf(block) !== Object.prototype) {
      return -1;
    }
    let blockKeys = 0;
    for (const key in block) {
      if (key !== 'type' && key !== 'text') return -1;
      blockKeys++;
    }
    const { type, text } = block as { type?: unknown; text?: unknown };
    if (blockKeys !== 2 || type !== 'text' || typeof text !== 'string' || NEEDS_ESCAPE.test(text)) return -1;
    bytes += EMPTY_TEXT_BLOCK_BYTES + Buffer.byteLength(text, 'utf8');
  }
  return bytes;
}

/**
 * Estimated tokens of a result, as the model will read it: `ceil(characters / 4)` over its text, where
 * characters are JavaScript string length (UTF-16 code units) and the text is every text content block and
 * every embedded text resource (`tools/call` `content`, `prompts/get` message `content`, `resources/read`
 * `contents`). Four characters a token is the usual rule of thumb for English text with GPT- and Claude-style
 * tokenizers; code and non-Latin scripts run denser. JSON syntax, `structuredContent` (which a tool also
 * returns as text), images, audio and blobs count nothing: their token cost depends on the model.
 */
export function estimateResultTokens(kind: ResultKind, result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  let characters = 0;
  if (kind === 'tool') {
    characters = blocksText((result as { content?: unknown }).content);
  } else if (kind === 'resource') {
    const contents = (result as { contents?: unknown }).contents;
    if (Array.isArray(contents)) for (const item of contents) characters += textOf(item);
  } else {
    const messages = (result as { messages?: unknown }).messages;
    if (Array.isArray(messages)) {
      for (const message of messages) {
        if (typeof message === 'object' && message !== null)
          characters += blocksText((message as { content?: unknown }).content);
      }
    }
  }
  return Math.ceil(characters / 4);
}

/** Characters of one content block or an array of them: a text block, or an embedded resource's text. */
function blocksText(content: unknown): number {
  if (!Array.isArray(content)) return blockText(content);
  let characters = 0;
  for (const block of content) characters += blockText(block);
  return characters;
}

function blockText(block: unknown): number {
  if (typeof block !== 'object' || block === null) return 0;
  const type = (block as { type?: unknown }).type;
  if (type === 'text') return textOf(block);
  if (type === 'resource') return textOf((block as { resource?: unknown }).resource);
  return 0;
}

function textOf(item: unknown): number {
  if (typeof item !== 'object' || item === null) return 0;
  const text = (item as { text?: unknown }).text;
  return typeof text === 'string' ? text.length : 0;
}

/**
 * `mcp_o11y.result.size` and `mcp_o11y.result.tokens` of one server-side instrumentation, plus the per-operation
 * size series in the in-memory store (created on an operation's first sized result) that alert rules take a
 * p95 of.
 */
export class ResultSizes {
  readonly #bytes: Histogram;
  readonly #tokens: Histogram;
  readonly #store: InMemoryBackend | undefined;

  constructor(meter: Meter, store: InMemoryBackend | undefined) {
    this.#bytes = meter.createHistogram(METRIC_RESULT_SIZE, {
      description:
        'Size of successful tools/call, resources/read and prompts/get results sent: UTF-8 bytes of their JSON.',
      unit: 'By',
      advice: { explicitBucketBoundaries: [...RESULT_SIZE_BUCKETS_BYTES] },
    });
    this.#tokens = meter.createHistogram(METRIC_RESULT_TOKENS, {
      description:
        'Estimated tokens of successful tools/call, resources/read and prompts/get results sent: ceil(characters of their text / 4).',
      unit: '{token}',
      advice: { explicitBucketBoundaries: [...RESULT_TOKEN_BUCKETS] },
    });
    this.#store = store;
  }

  /**
   * Records the size of a result of `metrics`' operation with `attributes`: the frozen set of its duration's
   * ok outcome, so the histograms find their cell by identity. A result JSON cannot express is skipped.
   */
  record(
    metrics: MetricEntry,
    kind: ResultKind,
    attributes: Attributes,
    result: unknown,
    atMs?: number,
  ): void {
    let bytes: number;
    try {
      bytes = resultBytes(result);
    } catch {
      // The transport fails to send it as well; there is no size to report.
      return;
    }
    this.#bytes.record(bytes, attributes);
    this.#tokens.record(estimateResultTokens(kind, result), attributes);
    let series = metrics.resultSeries;
    if (series === undefined) {
      const labels = metrics.series?.labels;
      if (labels === undefined || this.#store === undefined) return;
      series = this.#store.series(SERIES_RESULT_SIZE, labels);
      metrics.resultSeries = series;
    }
    series.observe(bytes, false, atMs);
  }
}
