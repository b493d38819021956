/** Where the instrumentation of one library lives: its npm package and the class it exports. */
export interface InstrumentationPackage {
  /** npm package, installed by the application: `pnpm add <packageName>`. */
  readonly packageName: string;
  /** The exported class (an OpenTelemetry `InstrumentationBase`). */
  readonly exportName: string;
  /** Options core passes unless the entry gives its own. */
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
}

const contrib = (suffix: string, exportName: string): InstrumentationPackage =>
  Object.freeze({ packageName: `@opentelemetry/instrumentation-${suffix}`, exportName });

/**
 * Every library `instrumentations` can name, and the package that instruments it. A name is the suffix of
 * the OpenTelemetry contrib package (`pg` is `@opentelemetry/instrumentation-pg`), as in
 * `OTEL_NODE_ENABLED_INSTRUMENTATIONS`, except `fastify`: the contrib package is deprecated in favour of
 * `@fastify/otel`, maintained by the Fastify team, which core registers on every Fastify instance.
 * Log-library bridges (pino, winston, bunyan) are left out: core's logger already sends every record to
 * every backend with the trace ids, and `fs` is too noisy to be useful.
 */
export const INSTRUMENTATION_CATALOGUE = Object.freeze({
  // HTTP clients and servers.
  http: contrib('http', 'HttpInstrumentation'),
  undici: contrib('undici', 'UndiciInstrumentation'),
  // Databases and caches.
  pg: contrib('pg', 'PgInstrumentation'),
  mysql: contrib('mysql', 'MySQLInstrumentation'),
  mysql2: contrib('mysql2', 'MySQL2Instrumentation'),
  tedious: contrib('tedious', 'TediousInstrumentation'),
  oracledb: contrib('oracledb', 'OracleInstrumentation'),
  mongodb: contrib('mongodb', 'MongoDBInstrumentation'),
  mongoose: contrib('mongoose', 'MongooseInstrumentation'),
  redis: contrib('redis', 'RedisInstrumentation'),
  ioredis: contrib('ioredis', 'IORedisInstrumentation'),
  memcached: contrib('memcached', 'MemcachedInstrumentation'),
  'cassandra-driver': contrib('cassandra-driver', 'CassandraDriverInstrumentation'),
  knex: contrib('knex', 'KnexInstrumentation'),
  'generic-pool': contrib('generic-pool', 'GenericPoolInstrumentation'),
  // Web frameworks.
  express: contrib('express', 'ExpressInstrumentation'),
  fastify: Object.freeze({
    packageName: '@fastify/otel',
    exportName: 'FastifyOtelInstrumentation',
    // Without it the user must `app.register(instrumentation.plugin())` on every instance themselves.
    defaultOptions: Object.freeze({ registerOnInitialization: true }),
  }),
  koa: contrib('koa', 'KoaInstrumentation'),
  hapi: contrib('hapi', 'HapiInstrumentation'),
  connect: contrib('connect', 'ConnectInstrumentation'),
  restify: contrib('restify', 'RestifyInstrumentation'),
  router: contrib('router', 'RouterInstrumentation'),
  'nestjs-core': contrib('nestjs-core', 'NestInstrumentation'),
  graphql: contrib('graphql', 'GraphQLInstrumentation'),
  dataloader: contrib('dataloader', 'DataloaderInstrumentation'),
  'socket.io': contrib('socket.io', 'SocketIoInstrumentation'),
  // RPC, messaging, cloud and AI clients.
  grpc: contrib('grpc', 'GrpcInstrumentation'),
  amqplib: contrib('amqplib', 'AmqplibInstrumentation'),
  kafkajs: contrib('kafkajs', 'KafkaJsInstrumentation'),
  'aws-sdk': contrib('aws-sdk', 'AwsInstrumentation'),
  openai: contrib('openai', 'OpenAIInstrumentation'),
  // Node.js internals.
  dns: contrib('dns', 'DnsInstrumentation'),
  net: contrib('net', 'NetInstrumentation'),
  'lru-memoizer': contrib('lru-memoizer', 'LruMemoizerInstrumentation'),
} satisfies Record<string, InstrumentationPackage>);

/** A library `instrumentations` can name. */
export type InstrumentationName = keyof typeof INSTRUMENTATION_CATALOGUE;

/** Every name `instrumentations` accepts, in catalogue order. */
export const INSTRUMENTATION_NAMES = Object.freeze(
  Object.keys(INSTRUMENTATION_CATALOGUE),
) as readonly InstrumentationName[];

/**
 * Names people reach for that have no instrumentation class to load, with what to do instead.
 * Hono has no OpenTelemetry instrumentation: its middleware uses the global tracer provider, which the
 * pipeline registers, so its spans join the trace without core loading anything.
 */
const NOT_LOADABLE: Readonly<Record<string, string>> = Object.freeze({
  hono: 'Hono has no OpenTelemetry instrumentation to load; add the `@hono/otel` middleware instead (`pnpm add @hono/otel`, then `app.use(httpInstrumentationMiddleware())`): it uses the global tracer provider, which createObservability registers, so its spans join the MCP trace. Name `http` too for the HTTP server span under @hono/node-server',
});

/** The package of `name`, or undefined for a name the catalogue does not hold. */
export function instrumentationPackageOf(name: string): InstrumentationPackage | undefined {
  return Object.hasOwn(INSTRUMENTATION_CATALOGUE, name)
    ? INSTRUMENTATION_CATALOGUE[name as InstrumentationName]
    : undefined;
}

/** Why `name` cannot be loaded (with what to do), or undefined when it is in the catalogue. */
export function instrumentationNameProblem(name: string): string | undefined {
  if (instrumentationPackageOf(name) !== undefined) return undefined;
  const advice = Object.hasOwn(NOT_LOADABLE, name) ? NOT_LOADABLE[name] : undefined;
  if (advice !== undefined) return `instrumentation "${name}": ${advice}`;
  return `unknown instrumentation "${name}"; expected one of ${INSTRUMENTATION_NAMES.join(', ')}`;
}
