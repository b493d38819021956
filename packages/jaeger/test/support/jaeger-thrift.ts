import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { requireThrough } from './transitive.js';

/** A `jaeger.thrift` Tag, as decoded. */
export interface ThriftTag {
  key: string;
  vType: string;
  vStr?: string | null;
  vDouble?: number | null;
  vBool?: boolean | null;
}
/** A `jaeger.thrift` Span with its i64 ids as 16 hex characters. */
export interface DecodedSpan {
  traceIdHigh: string;
  traceIdLow: string;
  spanId: string;
  parentSpanId: string;
  operationName: string;
  flags: number;
  startTime: string;
  duration: string;
  references: { refType: string; traceIdLow: string; traceIdHigh: string; spanId: string }[];
  tags: ThriftTag[];
  logs: { timestamp: string; fields: ThriftTag[] }[];
}
/** A `jaeger.thrift` Batch. */
export interface DecodedBatch {
  process: { serviceName: string; tags: ThriftTag[] };
  spans: DecodedSpan[];
}

interface ReadResult {
  err: Error | null;
  value: unknown;
}
interface ThriftInstance {
  Batch: { rw: { readFrom(buffer: Buffer, offset: number): ReadResult } };
  Agent: { emitBatch: { argumentsMessageRW: { readFrom(buffer: Buffer, offset: number): ReadResult } } };
}
type ThriftConstructor = new (options: Record<string, unknown>) => ThriftInstance;

const thriftrw = requireThrough<{ Thrift: ThriftConstructor }>([
  '@opentelemetry/exporter-jaeger',
  'jaeger-client',
  'thriftrw',
]);
const jaegerClient = requireThrough<unknown>(['@opentelemetry/exporter-jaeger', 'jaeger-client']);
// The IDL files jaeger-client ships: the Jaeger project's jaeger.thrift and the agent service.
const idlDirectory = dirname(jaegerClient.path);
const collectorIdl = new thriftrw.module.Thrift({
  source: readFileSync(join(idlDirectory, 'jaeger-idl/thrift/jaeger.thrift'), 'ascii'),
  allowOptionalArguments: true,
});
const agentIdl = new thriftrw.module.Thrift({
  entryPoint: join(idlDirectory, 'thriftrw-idl/agent.thrift'),
  allowFilesystemAccess: true,
  allowOptionalArguments: true,
});

function hex(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('hex').padStart(16, '0');
  throw new Error(`expected an i64 buffer, got ${JSON.stringify(value)}`);
}

function normalize(batch: Record<string, unknown>): DecodedBatch {
  const process = batch.process as DecodedBatch['process'];
  const spans = (batch.spans as Record<string, unknown>[]).map((span) => ({
    ...(span as unknown as DecodedSpan),
    traceIdHigh: hex(span.traceIdHigh),
    traceIdLow: hex(span.traceIdLow),
    spanId: hex(span.spanId),
    parentSpanId: hex(span.parentSpanId),
    startTime: BigInt(`0x${hex(span.startTime)}`).toString(),
    duration: BigInt(`0x${hex(span.duration)}`).toString(),
    references: ((span.references as Record<string, unknown>[] | null) ?? []).map((reference) => ({
      refType: String(reference.refType),
      traceIdLow: hex(reference.traceIdLow),
      traceIdHigh: hex(reference.traceIdHigh),
      spanId: hex(reference.spanId),
    })),
    tags: (span.tags as ThriftTag[] | null) ?? [],
    logs: ((span.logs as Record<string, unknown>[] | null) ?? []).map((log) => ({
      timestamp: BigInt(`0x${hex(log.timestamp)}`).toString(),
      fields: log.fields as ThriftTag[],
    })),
  }));
  return { process: { serviceName: process.serviceName, tags: process.tags ?? [] }, spans };
}

/** Decodes a collector `POST /api/traces` body: one binary-protocol `Batch`. Throws on any IDL mismatch. */
export function decodeCollectorBatch(body: Buffer): DecodedBatch {
  const result = collectorIdl.Batch.rw.readFrom(body, 0);
  if (result.err) throw result.err;
  return normalize(result.value as Record<string, unknown>);
}

/** Decodes an agent datagram: a binary-protocol `Agent.emitBatch` call message. Throws on any IDL mismatch. */
export function decodeAgentDatagram(datagram: Buffer): DecodedBatch & { method: string } {
  const result = agentIdl.Agent.emitBatch.argumentsMessageRW.readFrom(datagram, 0);
  if (result.err) throw result.err;
  const message = result.value as { name: string; body: { batch: Record<string, unknown> } };
  return { method: message.name, ...normalize(message.body.batch) };
}

/** A tag's value, whatever its type. */
export function tagValue(tags: readonly ThriftTag[], key: string): string | number | boolean | undefined {
  const tag = tags.find((candidate) => candidate.key === key);
  if (tag === undefined) return undefined;
  // jaeger-client fills every value field; vType says which one counts.
  if (tag.vType === 'DOUBLE') return tag.vDouble ?? undefined;
  if (tag.vType === 'BOOL') return tag.vBool ?? undefined;
  if (tag.vType === 'STRING') return tag.vStr ?? undefined;
  throw new Error(`tag ${key} has the unexpected type ${tag.vType}`);
}
