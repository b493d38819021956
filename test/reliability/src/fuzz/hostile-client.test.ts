import { getHeapStatistics } from 'node:v8';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.js';
import { fuzzRuns } from './fuzz-runs.js';
import { type HostileTarget, KNOWN_TOOLS, resultText, startHostileTarget } from './hostile-mcp-target.js';
import {
  hostileString,
  hostileTree,
  hugeString,
  INJECTIONS,
  nestedArrays,
  nestedObjects,
  PROTOTYPE_KEYS,
  settle,
} from './hostile-values.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';

// A hostile client against an instrumented real SDK server over Streamable HTTP: tool names, arguments,
// prompt variables and `_meta` that are huge, deeply nested, invalid UTF-8 or lone surrogates, or carry
// prototype keys — sent by the SDK client, and as raw JSON-RPC bytes where the SDK client would refuse.
// Asserted: the server keeps serving, captured payloads respect the cap (and exist only when opted in),
// Object.prototype and friends are untouched, and what the pipeline stores per call is bounded.

const MAX_BYTES = 512;
const CAPTURE = { arguments: true, results: true, promptVariables: true, maxBytes: MAX_BYTES } as const;

const ARGUMENT_KEYS = ['text', 'password', 'token', 'nested', 'query', 'authorization', ...PROTOTYPE_KEYS];

const toolName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_TOOLS) },
  { weight: 3, arbitrary: hostileString(4) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: hugeString(10_000, 300_000) },
);
const toolArguments = fc.oneof(
  { weight: 4, arbitrary: hostileTree(ARGUMENT_KEYS) },
  { weight: 2, arbitrary: fc.record({ text: hostileString(6) }) },
  { weight: 1, arbitrary: fc.record({ text: hugeString(100_000, 1_000_000) }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 3_000 }).map((levels) => ({ nested: nestedObjects(levels) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 20_000 })
      .map((keys) => Object.fromEntries(Array.from({ length: keys }, (_, index) => [`k${index}`, index]))),
  },
);
const meta = fc.option(
  fc.oneof(
    hostileTree([
      'traceparent',
      'tracestate',
      'baggage',
      'correlationId',
      'x-correlation-id',
      ...PROTOTYPE_KEYS,
    ]),
    fc.record({
      traceparent: fc.oneof(
        hostileString(3),
        hugeString(1_000, 100_000),
        fc.constant('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'),
      ),
      baggage: fc.oneof(hostileString(3), hugeString(1_000, 100_000)),
      tracestate: hostileString(4),
    }),
  ),
  { nil: undefined },
);

async function stillServes(target: HostileTarget): Promise<void> {
  const client = await target.connectClient('health-check');
  expect(resultText(await client.callTool({ name: 'echo', arguments: { text: 'still here' } }))).toBe(
    'still here',
  );
  await client.close();
}

describe.each([
  ['on', { capture: CAPTURE }],
  ['off', {}],
] as const)('a hostile SDK client, argument capture %s', (capture, instrumentOptions) => {
  let target: HostileTarget;
  beforeAll(async () => {
    target = await startHostileTarget({ instrument: instrumentOptions });
  });
  afterAll(async () => {
    await target.close();
  });

  it('calls tools with fuzzed names, arguments and _meta: the server keeps serving, capture stays capped', async () => {
    const prototypes = snapshotPrototypes();
    const client = await target.connectClient();
    let calls = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(toolName, toolArguments, meta, async (name, args, _meta) => {
        calls += 1;
        const outcome = await settle(() =>
          client.callTool({
            name,
            arguments: args as Record<string, unknown>,
            ...(_meta === undefined ? {} : { _meta: _meta as Record<string, unknown> }),
          }),
        );
        // A refusal is fine (unknown tool, invalid params, a 400 for a bad `_meta`); it must be an Error.
        if (!outcome.ok) {
          rejected += 1;
          expect(outcome.error).toBeInstanceOf(Error);
        } else if ((outcome.value as { isError?: unknown }).isError === true) rejected += 1;
        expect(prototypeChanges(prototypes)).toEqual([]);
      }),
      { ...fuzzRuns(60, 1_000), endOnFailure: true },
    );
    await stillServes(target);
    const captured = target.digests.flatMap((digest) => digest.capturedBytes);
    if (capture === 'on') {
      expect(captured.length).toBeGreaterThan(0);
      expect(Math.max(...captured)).toBeLessThanOrEqual(MAX_BYTES);
    } else {
      expect(captured).toEqual([]);
    }
    expect(target.handlerErrors).toEqual([]);
    recordSuiteResult({
      area: 'fuzz',
      scenario: `hostile client: ${calls} fuzzed tools/call via the SDK client, capture ${capture}`,
      faults: calls,
      requests: calls,
      heapPeakMiB: Math.round(getHeapStatistics().used_heap_size / 2 ** 20),
      note: `${rejected} refused by the server; ${captured.length} captured payloads, largest ${captured.length === 0 ? 0 : Math.max(...captured)} B (cap ${MAX_BYTES} B); server still serves; prototypes untouched`,
    });
  });

  it('gets prompts with hostile variables: each captured variable capped, at most 128 attributes per span', async () => {
    const prototypes = snapshotPrototypes();
    const client = await target.connectClient();
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('greet'), hostileString(3)),
        fc.oneof(
          fc.dictionary(
            fc.oneof(fc.constantFrom('name', ...PROTOTYPE_KEYS), hostileString(2)),
            fc.oneof(hostileString(4), hugeString(5_000, 200_000)),
            { maxKeys: 8 },
          ),
          fc
            .integer({ min: 200, max: 2_000 })
            .map((keys) =>
              Object.fromEntries(
                Array.from({ length: keys }, (_, index) => [`variable${index}`, 'x'.repeat(1_000)]),
              ),
            ),
        ),
        async (name, variables) => {
          calls += 1;
          await settle(() => client.getPrompt({ name, arguments: variables }));
          expect(prototypeChanges(prototypes)).toEqual([]);
        },
      ),
      { ...fuzzRuns(30, 500), endOnFailure: true },
    );
    await stillServes(target);
    for (const digest of target.digests) {
      expect(digest.attributeCount).toBeLessThanOrEqual(128);
      for (const bytes of digest.capturedBytes) expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
    }
    recordSuiteResult({
      area: 'fuzz',
      scenario: `hostile client: ${calls} prompts/get with hostile variables, capture ${capture}`,
      faults: calls,
      requests: calls,
      note: 'every captured variable ≤ cap; ≤ 128 attributes per span',
    });
  });
});

/** Bodies the SDK client would never send, each a separate JSON-RPC POST on an initialized session. */
function rawBodies(): [string, string | Uint8Array][] {
  const call = (params: string, method = 'tools/call', id = '1') =>
    `{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${params}}`;
  const invalidUtf8 = (before: string, after: string) =>
    Buffer.concat([
      Buffer.from(before),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from(after),
    ]);
  return [
    ['invalid UTF-8 in a tool name', invalidUtf8(call('{"name":"').slice(0, -2), '","arguments":{}}}')],
    [
      'invalid UTF-8 in arguments',
      invalidUtf8(
        '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"any","arguments":{"text":"',
        '"}}}',
      ),
    ],
    [
      'lone surrogates as escapes everywhere',
      call(
        '{"name":"\\ud800any\\udfff","arguments":{"\\udc00":"\\ud83d"},"_meta":{"traceparent":"\\ud800"}}',
      ),
    ],
    [
      '__proto__ and constructor keys at every level',
      call(
        '{"name":"any","arguments":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"a":{"__proto__":{"isAdmin":true}}},"_meta":{"__proto__":{"polluted":true}}}',
      ),
    ],
    ['duplicate keys', call('{"name":"echo","name":"any","arguments":{"text":"a","text":{"__proto__":1}}}')],
    [
      'arguments nested 100 000 levels',
      call(`{"name":"any","arguments":{"a":${JSON.stringify(nestedArrays(1))}}}`).replace(
        '[1]',
        `${'['.repeat(100_000)}1${']'.repeat(100_000)}`,
      ),
    ],
    ['a 3 MB tool name', call(`{"name":"${'n'.repeat(3_000_000)}","arguments":{}}`)],
    ['a 3 MB argument', call(`{"name":"any","arguments":{"text":"${'a'.repeat(3_000_000)}"}}`)],
    ['a body over the 4 MiB limit', call(`{"name":"any","arguments":{"text":"${'a'.repeat(5_000_000)}"}}`)],
    [
      '200 000 argument keys',
      call(
        `{"name":"any","arguments":{${Array.from({ length: 200_000 }, (_, i) => `"k${i}":${i}`).join(',')}}}`,
      ),
    ],
    [
      'an object as id',
      call('{"name":"any","arguments":{}}', 'tools/call', '{"__proto__":{"polluted":true}}'),
    ],
    ['params as an array', call('[1,2,3]')],
    ['params as a string', call('"tools"')],
    ['params as null', call('null')],
    ['an id of 1e400', call('{"name":"any","arguments":{}}', 'tools/call', '1e400')],
    ['a 1 MB method name', call('{}', 'm'.repeat(1_000_000))],
    ...[
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '[x](https://evil.example)',
      '<!channel>',
    ].map((method): [string, string] => [`method ${method}`, call('{}', method)]),
    [
      '_meta with 1 MB traceparent and baggage',
      call(
        `{"name":"any","arguments":{},"_meta":{"traceparent":"${'0'.repeat(1_000_000)}","baggage":"${'k=v,'.repeat(250_000)}"}}`,
      ),
    ],
    [
      '_meta with an object progressToken',
      call('{"name":"any","arguments":{},"_meta":{"progressToken":{"__proto__":{"polluted":true}}}}'),
    ],
    [
      'cancellation of __proto__',
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"__proto__","reason":"x"}}',
    ],
    [
      'cancellation with an object id',
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{"a":1}}}',
    ],
    [
      'progress for an unknown token',
      '{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"constructor","progress":1e400}}',
    ],
    [
      'a response nobody asked for',
      '{"jsonrpc":"2.0","id":"__proto__","result":{"tools":[{"name":"__proto__"}]}}',
    ],
    [
      'an error response with a hostile code',
      '{"jsonrpc":"2.0","id":7,"error":{"code":{"x":1},"message":{"__proto__":1}}}',
    ],
    [
      'a batch of 100 unknown tools',
      `[${Array.from({ length: 100 }, (_, i) => call(`{"name":"batch-${i}-${INJECTIONS[i % INJECTIONS.length]?.replace(/["\\]/g, '') ?? ''}","arguments":{}}`, 'tools/call', String(1_000 + i))).join(',')}]`,
    ],
    [
      'a batch of 101 messages',
      `[${Array.from({ length: 101 }, (_, i) => call('{"name":"any","arguments":{}}', 'tools/call', String(2_000 + i))).join(',')}]`,
    ],
    ['empty body', ''],
    ['null', 'null'],
    ['an empty array', '[]'],
    ['an empty object', '{}'],
    ['jsonrpc 1.0', '{"jsonrpc":"1.0","id":1,"method":"tools/list"}'],
    ['truncated JSON', call('{"name":"any","arguments":{"text":"abc').slice(0, -3)],
  ];
}

describe('raw JSON-RPC from a hostile client (what the SDK client would refuse to send)', () => {
  it.each([
    ['on', { capture: CAPTURE }],
    ['off', {}],
  ] as const)(
    'answers or refuses every malformed message and keeps serving, capture %s',
    async (capture, options) => {
      const prototypes = snapshotPrototypes();
      const target = await startHostileTarget({ instrument: options });
      try {
        const session = await target.rawSession();
        const bodies = rawBodies();
        const statuses = new Map<number, number>();
        for (const [label, body] of bodies) {
          const answer = await settle(() => session.post(body));
          expect(answer.ok, label).toBe(true);
          if (answer.ok) statuses.set(answer.value.status, (statuses.get(answer.value.status) ?? 0) + 1);
          expect(prototypeChanges(prototypes), label).toEqual([]);
          // The same session still serves a benign call after each hostile message.
          const benign = await session.post(
            JSON.stringify({
              jsonrpc: '2.0',
              id: 'benign',
              method: 'tools/call',
              params: { name: 'echo', arguments: { text: 'ok' } },
            }),
          );
          expect(benign.text, label).toContain('"text":"ok"');
        }
        await stillServes(target);
        for (const digest of target.digests) {
          for (const bytes of digest.capturedBytes) expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
          if (capture === 'off') expect(digest.capturedBytes).toEqual([]);
        }
        recordSuiteResult({
          area: 'fuzz',
          scenario: `hostile client: ${bodies.length} raw JSON-RPC bodies (invalid UTF-8, 100 000 levels, 5 MB, batches), capture ${capture}`,
          faults: bodies.length,
          requests: bodies.length * 2,
          note: `HTTP statuses ${[...statuses].map(([status, count]) => `${status}×${count}`).join(', ')}; ${target.handlerErrors.length} handler errors; session kept serving after each; captured payloads ≤ ${MAX_BYTES} B`,
        });
      } finally {
        await target.close();
      }
    },
  );
});

describe('what the pipeline keeps per hostile call', () => {
  // Was a BUG in packages/core/src/mcp (fixed; this guards the fix). A tool name is put
  // on the span whole, twice: in the span name (`tools/call <name>`, operation-cache.ts OperationEntry
  // constructor, `this.spanName = \`${method} ${target}\``) and in `gen_ai.tool.name`
  // (`spanAttributes[targetKey] = target`); nothing clips it (SPAN_LIMITS.attributeValueLengthLimit is
  // Infinity in pipeline/lean-tracer.ts, and the store's toStoredSpan copies strings whole). The SDK
  // accepts bodies up to 4 MiB, so every failed call with an unknown ~4 MB name keeps ~8 MB in the
  // in-memory store's span ring (failed spans are always kept, up to maxSpans = 1000: ~8 GB) and in every
  // exporter's batch queue (2048 spans). The same holds for `mcp.resource.uri` and an unknown method name.
  it('keeps at most 64 KiB of text per stored span whatever the tool name length', async () => {
    const target = await startHostileTarget({ memory: { maxSpans: 1_000 } });
    try {
      const session = await target.rawSession();
      const calls = 20;
      for (let index = 0; index < calls; index += 1) {
        const name = `${index}-${'n'.repeat(1_000_000)}`;
        await session.post(
          JSON.stringify({
            jsonrpc: '2.0',
            id: index + 1,
            method: 'tools/call',
            params: { name, arguments: {} },
          }),
        );
      }
      const spans = target.observability.store?.recentSpans() ?? [];
      const perSpan = spans.map(
        (span) =>
          span.name.length +
          Object.values(span.attributes).reduce<number>(
            (sum, value) => sum + (typeof value === 'string' ? value.length : 0),
            0,
          ),
      );
      const largest = Math.max(...perSpan);
      recordSuiteResult({
        area: 'fuzz',
        scenario: `hostile client: ${calls} calls with 1 MB unknown tool names`,
        faults: calls,
        requests: calls,
        heapPeakMiB: Math.round(getHeapStatistics().used_heap_size / 2 ** 20),
        note: `largest stored span holds ${largest.toLocaleString('en')} characters after ${calls} calls (names clipped to 256)`,
      });
      expect(largest).toBeLessThanOrEqual(64 * 1024);
    } finally {
      await target.close();
    }
  });
});
