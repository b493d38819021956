// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { z } from 'zod';
import {
  INSTRUMENTATION_NAMES,
  type InstrumentationName,
  instrumentationNameProblem,
} from '../instrumentations/instrumentation-catalogue.js';
import { alertsConfigSchema } from './alerts-config-schema.js';
import { healthConfigSchema } from './health-config-schema.js';
import { runbooksConfigSchema } from './runbooks-config-schema.js';
import { samplingConfigSchema } from './sampling-config-schema.js';

// Every object is strict: a misspelt key is an error, never silently ignored. Each part of the file is its
// own exported schema so a later section (alerts, notifiers) is one new schema plus one line in
// `configFileShape`.

const positiveInteger = z.number().int().positive();

/** `service`: the identity of the observed service. */
export const serviceConfigSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .optional()
      .describe('`service.name`. Default: env OTEL_SERVICE_NAME, else `mcp-server`.'),
    version: z.string().min(1).optional().describe('`service.version`. Default: none.'),
    environment: z
      .string()
      .min(1)
      .optional()
      .describe('`deployment.environment.name`. Default: env MCP_O11Y_ENVIRONMENT, else none.'),
    instanceId: z
      .string()
      .min(1)
      .optional()
      .describe(
        '`service.instance.id`, one per process. Default: service.instance.id in env OTEL_RESOURCE_ATTRIBUTES, else a random UUID per process.',
      ),
  })
  .describe('Identity of the observed service; becomes the OpenTelemetry resource.');

/** `memory`: bounds of the in-memory backend, or `false` to turn it off. */
export const memoryConfigSchema = z
  .union([
    z.literal(false),
    z
      .strictObject({
        maxSpans: positiveInteger.optional().describe('Most recent ended spans kept. Default 1000.'),
        maxOkSpansPerSecond: positiveInteger
          .optional()
          .describe(
            'Successful spans stored per second; failed spans are always stored, the rest are skipped and counted. Default 100.',
          ),
        maxLogs: positiveInteger.optional().describe('Most recent log records kept. Default 1000.'),
        maxSeries: positiveInteger
          .optional()
          .describe(
            "Distinct window series kept; the rest fold into the name's `_OTHER` series. Default 500.",
          ),
        retentionSeconds: positiveInteger
          .optional()
          .describe('How far back window queries reach, in seconds. Default 900.'),
        bucketSeconds: positiveInteger
          .optional()
          .describe('Width of one time bucket of the sliding windows, in seconds. Default 10.'),
        relativeAccuracy: z
          .number()
          .gt(0)
          .lt(0.5)
          .optional()
          .describe('Relative accuracy of the quantile sketch: 0.01 means within 1 %. Default 0.01.'),
      })
      .refine((memory) => (memory.bucketSeconds ?? 10) <= (memory.retentionSeconds ?? 900), {
        path: ['bucketSeconds'],
        message: 'expected bucketSeconds to be at most retentionSeconds (default 900)',
      }),
  ])
  .describe('The built-in in-memory backend; `false` turns it off. Default: on, with its defaults.');

/** `logging.destination`: a file descriptor other than 1, or `false`. */
export const logDestinationConfigSchema = z
  .union([z.literal(false), z.number().int().min(0)], {
    error: 'expected a file descriptor (an integer >= 0 other than 1) or false',
  })
  // A refinement outside the union so its message survives instead of a generic union error.
  .refine((destination) => destination !== 1, {
    message:
      'file descriptor 1 is stdout, which carries the MCP protocol in stdio mode; use 2 (stderr) or false',
  })
  .describe('File descriptor for JSON log lines (default 2, stderr), or false for none. Never 1 (stdout).');

/** `logging`: the structured logger. */
export const loggingConfigSchema = z
  .strictObject({
    level: z
      .enum(['debug', 'info', 'warn', 'error', 'fatal'])
      .optional()
      .describe('Lowest level written. Default: env MCP_O11Y_LOG_LEVEL, else `info`.'),
    destination: logDestinationConfigSchema.optional(),
    requests: z
      .boolean()
      .optional()
      .describe('One log line per MCP request. Default: env MCP_O11Y_LOG_REQUESTS, else false.'),
  })
  .describe('The structured logger.');

/** `shutdownHooks`: when the pipeline flushes and shuts down by itself. */
export const shutdownHooksConfigSchema = z
  .strictObject({
    signals: z.boolean().optional().describe('Flush and shut down on SIGTERM and SIGINT. Default true.'),
    stdinEnd: z
      .boolean()
      .optional()
      .describe('Flush when stdin ends (the stdio client went away). Default true.'),
    beforeExit: z.boolean().optional().describe('Flush on `beforeExit`. Default true.'),
  })
  .describe('Automatic flush and shutdown. All default to true.');

/** The pattern of an adapter id: the name of its package under `@mcp-o11y/`. */
export const ADAPTER_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * One `adapters` entry. Two entries may share an `id` (two webhooks) only when their `name`s differ: the
 * pair (id, name) must be unique, and a missing name counts as one value.
 */
export const adapterEntryConfigSchema = z
  .strictObject({
    id: z
      .string()
      .regex(ADAPTER_ID_PATTERN, {
        error: 'expected lowercase letters, digits and dashes, starting with a letter or digit',
      })
      .describe('The adapter package: `prometheus` loads `@mcp-o11y/prometheus`.'),
    name: z
      .string()
      .min(1)
      .optional()
      .describe('A label telling apart two entries with the same id; required on all but one of them.'),
    options: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("The adapter's options, checked by the adapter itself. See its README."),
  })
  .describe('A backend or notifier adapter, loaded from `@mcp-o11y/<id>`.');

/** A library name of `instrumentations`; editors complete the names, loading checks them (see below). */
const instrumentationNameSchema = z
  .string()
  .meta({ enum: [...INSTRUMENTATION_NAMES] })
  .describe(`A library to instrument: ${INSTRUMENTATION_NAMES.join(', ')}.`);

/** `instrumentations`: the libraries whose OpenTelemetry instrumentation is loaded. */
export const instrumentationsConfigSchema = z
  .array(
    z
      .union([
        instrumentationNameSchema,
        z
          .strictObject({
            name: instrumentationNameSchema,
            options: z
              .record(z.string(), z.unknown())
              .optional()
              .describe("Passed to the instrumentation's constructor; see its README."),
          })
          .describe('A library with options for its instrumentation.'),
      ])
      // Checked after the union, so the message (the valid names, or advice for hono) reaches the user
      // instead of a generic "invalid input".
      .superRefine((entry, context) => {
        const problem = instrumentationNameProblem(typeof entry === 'string' ? entry : entry.name);
        if (problem !== undefined) {
          context.addIssue({
            code: 'custom',
            message: problem,
            path: typeof entry === 'string' ? [] : ['name'],
          });
        }
      })
      .transform(
        (entry) =>
          entry as InstrumentationName | { name: InstrumentationName; options?: Record<string, unknown> },
      ),
  )
  .describe(
    'Libraries to instrument with their OpenTelemetry instrumentation (install each package: `pg` needs @opentelemetry/instrumentation-pg, `fastify` @fastify/otel). Their spans join the MCP trace. Default: none.',
  );

/** `statements`: database statement text on spans and in slow-call logs. */
export const statementsConfigSchema = z
  .strictObject({
    record: z
      .boolean()
      .optional()
      .describe(
        'Record normalised statement text (literals replaced by ?) as db.query.text; otherwise only its hash. Default false.',
      ),
    maxLength: z
      .number()
      .int()
      .min(16)
      .optional()
      .describe('Most characters of a recorded statement. Default 1024.'),
    slowThresholdMs: z
      .number()
      .min(0)
      .optional()
      .describe('Log a warning for database spans slower than this, in milliseconds. Default: none.'),
  })
  .describe('Database statements on spans and in logs. Default: text never recorded, only its hash.');

/** The top-level keys of the file, one schema each. Extend here. */
export const configFileShape = {
  $schema: z
    .string()
    .optional()
    .describe('URL or path of this JSON Schema, for editors. Ignored at run time.'),
  service: serviceConfigSchema.optional(),
  memory: memoryConfigSchema.optional(),
  logging: loggingConfigSchema.optional(),
  sampling: samplingConfigSchema.optional(),
  shutdownHooks: shutdownHooksConfigSchema.optional(),
  runtimeMetrics: z
    .boolean()
    .optional()
    .describe('Process metrics: CPU, memory, event loop delay and utilisation, GC. Default false.'),
  captureGlobalErrors: z
    .boolean()
    .optional()
    .describe(
      'Record uncaught exceptions and unhandled rejections (errors counter, span event, log record, flush before exit) without changing how the process reacts to them. Default: env MCP_O11Y_CAPTURE_GLOBAL_ERRORS, else false.',
    ),
  registerGlobals: z
    .boolean()
    .optional()
    .describe('Register the providers as the OpenTelemetry globals. Default true.'),
  adapters: z
    .array(adapterEntryConfigSchema)
    .optional()
    .describe('Backends and notifiers. Default: none (in-memory only).'),
  alerts: alertsConfigSchema.optional(),
  health: healthConfigSchema.optional(),
  runbooks: runbooksConfigSchema.optional(),
  instrumentations: instrumentationsConfigSchema.optional(),
  statements: statementsConfigSchema.optional(),
};

/** The whole file: `mcp-o11y.config.yaml` / `.json` after `${ENV}` interpolation. */
export const configFileSchema = z.strictObject(configFileShape).meta({
  title: 'mcp-o11y configuration',
  description:
    'Configuration of @mcp-o11y/core (mcp-o11y.config.yaml or .json). String values may use ${VAR} and ' +
    '${VAR:-default}; write $${ for a literal ${.',
});

/** A validated configuration file, before adapters are loaded. */
export type ConfigFile = z.output<typeof configFileSchema>;

/** One validated `adapters` entry. */
export type AdapterEntryConfig = z.output<typeof adapterEntryConfigSchema>;
