/** The package name every error starts with. */
export const packageName = '@mcp-o11y/azure-monitor';

/** The parts of an Application Insights connection string the adapter checks. Pure data. */
export interface ParsedConnectionString {
  /** `InstrumentationKey`: a GUID. A secret: never logged, never in an error. */
  readonly instrumentationKey: string;
  /** `IngestionEndpoint` (https), or the global default `https://dc.services.visualstudio.com`. */
  readonly ingestionEndpoint: string;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const defaultIngestionEndpoint = 'https://dc.services.visualstudio.com';

/**
 * Parses and validates `InstrumentationKey=…;IngestionEndpoint=https://…` (keys are case-insensitive,
 * as the Azure SDKs read them). Throws an error that starts with `[@mcp-o11y/azure-monitor]` and never
 * contains the key: no key, a key that is not a GUID, or an ingestion endpoint that is not an absolute
 * `https://` URL. The exporter refuses plain http itself, but by crashing the process with an unhandled
 * `EPROTO`, so the check happens here, at start.
 */
export function parseConnectionString(raw: string): ParsedConnectionString {
  const fields = new Map<string, string>();
  for (const part of raw.split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    fields.set(part.slice(0, separator).trim().toLowerCase(), part.slice(separator + 1).trim());
  }
  const instrumentationKey = fields.get('instrumentationkey') ?? '';
  if (instrumentationKey === '') {
    throw new Error(
      `[${packageName}] the connection string has no InstrumentationKey. Copy the whole connection string from the Application Insights resource's Overview page.`,
    );
  }
  if (!guid.test(instrumentationKey)) {
    throw new Error(
      `[${packageName}] the connection string's InstrumentationKey is not a GUID. Copy the whole connection string from the Application Insights resource's Overview page.`,
    );
  }
  const ingestionEndpoint = fields.get('ingestionendpoint') || defaultIngestionEndpoint;
  let url: URL;
  try {
    url = new URL(ingestionEndpoint);
  } catch {
    throw new Error(
      `[${packageName}] the connection string's IngestionEndpoint is not a URL; expected e.g. https://westeurope-5.in.applicationinsights.azure.com/.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `[${packageName}] the connection string's IngestionEndpoint uses ${url.protocol.replace(':', '')}://; Application Insights ingestion accepts https only (the exporter would crash the process with EPROTO). Use the https:// endpoint of your resource, or a TLS-terminating proxy for a local receiver.`,
    );
  }
  return { instrumentationKey, ingestionEndpoint: url.origin };
}
