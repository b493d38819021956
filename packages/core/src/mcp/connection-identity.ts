import type { Attributes, Context } from '@opentelemetry/api';
import type { Instrumentation } from './instrumentation.js';
import type { NameSource, ProfileCache, SideTelemetry } from './mcp-telemetry.js';
import type { OperationEntry } from './operation-cache.js';
import {
  ATTR_MCP_CLIENT_NAME,
  ATTR_MCP_CLIENT_VERSION,
  ATTR_MCP_PROTOCOL_VERSION,
  META_CLIENT_INFO,
  META_PROTOCOL_VERSION,
} from './semantic-conventions.js';
import {
  httpInfoOf,
  metricTransportAttributes,
  transportAttributesOf,
  withHttpExtra,
} from './transport-attributes.js';

/** The JSON-RPC message shape we read; everything is checked before use. */
export interface RpcMessage {
  readonly jsonrpc?: string;
  readonly id?: string | number | null;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly code?: unknown; readonly message?: unknown };
}

const FIRST_MODERN_VERSION = '2026-07-28';

/**
 * What one connection learned about its peer and itself: transport, protocol version, client name and
 * version, whether a session exists; and the metric profiles (per side) those select. Span attribute
 * sets that combine an operation with this identity are cached until the identity changes.
 */
export class ConnectionIdentity {
  readonly #instrumentation: Instrumentation;
  #transportAttributes: Record<string, string | number>;
  #attributes: Attributes;
  #protocolVersion: string | undefined;
  #modern = false;
  #httpSeen = false;
  #serverProfile: ProfileCache;
  #clientProfile: ProfileCache;
  /** operation → its start attributes merged with this identity; dropped when the identity changes. */
  #spanAttributes = new Map<OperationEntry, Attributes>();
  /** When the session started (initialize seen), if one exists. */
  sessionStartMs: number | undefined;
  /** Which side started the session: a server-role connection received initialize, a client-role one sent it. */
  sessionSide: 'server' | 'client' | undefined;

  constructor(transport: object, instrumentation: Instrumentation) {
    this.#instrumentation = instrumentation;
    this.#transportAttributes = transportAttributesOf(transport);
    this.#attributes = { ...this.#transportAttributes };
    this.#serverProfile = this.#profile(instrumentation.server);
    this.#clientProfile = this.#profile(instrumentation.client);
  }

  /** Span attributes of the connection: transport, protocol version, client name and version. */
  get attributes(): Attributes {
    return this.#attributes;
  }

  /** Whether requests follow the stateless 2026-07-28 protocol (no session id on spans). */
  get modern(): boolean {
    return this.#modern;
  }

  /** The metric profile of `side`. */
  profileOf(telemetry: SideTelemetry): ProfileCache {
    return telemetry.side === 'server' ? this.#serverProfile : this.#clientProfile;
  }

  /**
   * The attributes every span of `operation` on this connection starts with, built once per
   * (operation, identity): per request only the request's own attributes are added to a copy.
   */
  spanAttributesOf(operation: OperationEntry): Attributes {
    let attributes = this.#spanAttributes.get(operation);
    if (attributes === undefined) {
      attributes = Object.freeze({ ...operation.spanAttributes, ...this.#attributes });
      // Transient entries (names folded into _OTHER) are new objects each time: do not let them pile up.
      if (this.#spanAttributes.size < 256) this.#spanAttributes.set(operation, attributes);
    }
    return attributes;
  }

  learnFromInboundRequest(message: RpcMessage, extra: unknown, ambient: Context): void {
    const params = message.params;
    let changed = false;
    if (message.method === 'initialize') {
      this.sessionStartMs = performance.now();
      this.sessionSide = 'server';
      changed = this.#setClientInfo(params?.clientInfo) || changed;
      if (typeof params?.protocolVersion === 'string')
        changed = this.#setVersion(params.protocolVersion) || changed;
    }
    const meta = params?._meta as Record<string, unknown> | undefined;
    if (
      meta !== undefined &&
      this.#protocolVersion === undefined &&
      typeof meta[META_PROTOCOL_VERSION] === 'string'
    ) {
      changed = this.#setVersion(meta[META_PROTOCOL_VERSION] as string) || changed;
      changed = this.#setClientInfo(meta[META_CLIENT_INFO]) || changed;
    }
    if (extra !== undefined && !this.#httpSeen) {
      const next = withHttpExtra(this.#transportAttributes, extra, httpInfoOf(ambient));
      if (next !== this.#transportAttributes) {
        // Once per connection: the HTTP version and transport do not change between its requests.
        this.#httpSeen = true;
        this.#transportAttributes = next;
        changed = true;
        const header = (extra as { requestInfo?: { headers?: Record<string, unknown> } }).requestInfo
          ?.headers?.['mcp-protocol-version'];
        if (this.#protocolVersion === undefined && typeof header === 'string') this.#setVersion(header);
      }
    }
    if (changed) this.#refresh();
  }

  learnFromOutboundRequest(method: string, params: Record<string, unknown> | undefined): void {
    if (method === 'initialize') {
      this.sessionStartMs = performance.now();
      this.sessionSide = 'client';
    }
    const meta = params?._meta as Record<string, unknown> | undefined;
    if (
      meta !== undefined &&
      this.#protocolVersion === undefined &&
      typeof meta[META_PROTOCOL_VERSION] === 'string'
    ) {
      if (this.#setVersion(meta[META_PROTOCOL_VERSION] as string)) this.#refresh();
    }
  }

  /** Learns the protocol version from an `initialize` result, and names from list results. */
  learnFromResponse(
    method: string,
    result: Record<string, unknown> | undefined,
    sentByUs: boolean,
    names: NameSource,
  ): void {
    if (result === undefined) return;
    if (method === 'initialize' && typeof result.protocolVersion === 'string') {
      if (this.#setVersion(result.protocolVersion)) this.#refresh();
    } else if (method === 'tools/list' || method === 'prompts/list') {
      this.#instrumentation.learnNames(names, method, result, sentByUs);
    }
  }

  #setVersion(version: string): boolean {
    if (version === this.#protocolVersion) return false;
    this.#protocolVersion = version;
    this.#modern = version >= FIRST_MODERN_VERSION;
    if (this.#modern) this.sessionStartMs = undefined;
    return true;
  }

  #setClientInfo(info: unknown): boolean {
    if (typeof info !== 'object' || info === null) return false;
    const { name, version } = info as { name?: unknown; version?: unknown };
    const attributes: Attributes = { ...this.#attributes };
    if (typeof name === 'string') attributes[ATTR_MCP_CLIENT_NAME] = name;
    if (typeof version === 'string') attributes[ATTR_MCP_CLIENT_VERSION] = version;
    this.#attributes = attributes;
    return true;
  }

  #refresh(): void {
    const attributes: Attributes = { ...this.#attributes, ...this.#transportAttributes };
    if (this.#protocolVersion !== undefined) attributes[ATTR_MCP_PROTOCOL_VERSION] = this.#protocolVersion;
    this.#attributes = attributes;
    this.#spanAttributes = new Map();
    this.#serverProfile = this.#profile(this.#instrumentation.server);
    this.#clientProfile = this.#profile(this.#instrumentation.client);
  }

  #profile(telemetry: SideTelemetry): ProfileCache {
    const { attributes, key } = metricTransportAttributes(
      this.#transportAttributes,
      telemetry.side === 'client',
    );
    return telemetry.profile(this.#protocolVersion, attributes, key);
  }
}
