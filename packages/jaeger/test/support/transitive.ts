import { createRequire } from 'node:module';

/**
 * Loads a package this one only reaches through its dependencies (thriftrw through
 * @opentelemetry/exporter-jaeger → jaeger-client; grpc-js and protobufjs through the OTLP gRPC
 * exporter), following the chain as Node would from each package. Tests only: these decoders are the
 * very libraries the exporters encode with, and the package declares none of them.
 */
export function requireThrough<T>(chain: readonly string[]): { module: T; path: string } {
  let resolver = createRequire(new URL('../../package.json', import.meta.url));
  let path = '';
  for (const name of chain) {
    path = resolver.resolve(name);
    resolver = createRequire(path);
  }
  return { module: resolver(path) as T, path };
}
