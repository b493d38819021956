import { requireThrough } from './transitive.js';

interface GrpcModule {
  Server: new () => {
    addService(service: unknown, implementation: unknown): void;
    bindAsync(address: string, credentials: unknown, done: (error: Error | null, port: number) => void): void;
    forceShutdown(): void;
  };
  ServerCredentials: { createInsecure(): unknown };
}

/** A gRPC request the receiver got: its metadata and the raw protobuf message. */
export interface GrpcExport {
  readonly metadata: Record<string, unknown>;
  readonly message: Buffer;
}

/**
 * A real gRPC server (grpc-js, the library the exporter sends with) on 127.0.0.1 serving
 * `opentelemetry.proto.collector.trace.v1.TraceService/Export` like a Jaeger collector on 4317.
 */
export async function startOtlpGrpcReceiver(): Promise<{
  url: string;
  exports: GrpcExport[];
  close(): void;
}> {
  const grpc = requireThrough<GrpcModule>([
    '@opentelemetry/exporter-trace-otlp-grpc',
    '@opentelemetry/otlp-grpc-exporter-base',
    '@grpc/grpc-js',
  ]).module;
  const exports: GrpcExport[] = [];
  const server = new grpc.Server();
  const identity = (buffer: Buffer) => buffer;
  server.addService(
    {
      Export: {
        path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        // An empty ExportTraceServiceResponse: full success.
        responseSerialize: () => Buffer.alloc(0),
        responseDeserialize: identity,
      },
    },
    {
      Export: (
        call: { request: Buffer; metadata: { getMap(): Record<string, unknown> } },
        done: (error: null, response: object) => void,
      ) => {
        exports.push({ metadata: call.metadata.getMap(), message: call.request });
        done(null, {});
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { url: `http://127.0.0.1:${port}`, exports, close: () => server.forceShutdown() };
}
