import type { Context } from '@opentelemetry/api';
import { ConnectionIdentity, type RpcMessage } from './connection-identity.js';
import { finishRequest } from './finish-request.js';
import { receiveNotification, receiveRequest, sendResponse } from './inbound-requests.js';
import type { Instrumentation } from './instrumentation.js';
import type { NameSource, SideTelemetry } from './mcp-telemetry.js';
import { receiveResponse, sendFailed, sendNotification, sendRequest } from './outbound-requests.js';
import { type PendingRequest, PendingRequests } from './pending-request.js';
import type { UsageEntry, UsageSlot } from './usage-telemetry.js';

export type { RpcMessage } from './connection-identity.js';

/**
 * The instrumentation state of one transport: requests in flight in both directions, the peer's
 * identity and the connection's metric profiles. Both roles use it: a server receives requests (SERVER
 * spans, `inbound-requests.ts`) and may send some (sampling, elicitation: CLIENT spans,
 * `outbound-requests.ts`); a client the other way round. What it learned about the peer lives in
 * {@link ConnectionIdentity}.
 */
export class Connection implements UsageSlot {
  readonly transport: { sessionId?: unknown };
  readonly inbound: PendingRequests;
  readonly outbound: PendingRequests;
  readonly instrumentation: Instrumentation;
  readonly names: NameSource;
  readonly identity: ConnectionIdentity;
  #closed = false;
  tracked = false;
  /** The message being delivered to the SDK, so a chained (already wrapped) handler passes it through. */
  delivering: unknown;
  /** The correlation id of the request `receiveRequest` just started (read right after; saves an allocation). */
  correlationId = '';
  /** The principal, client name and usage entry of the last request received (see `UsageTelemetry.entryFor`). */
  usagePrincipal: string | undefined;
  usageClient: unknown;
  usageEntry: UsageEntry | undefined;

  constructor(transport: object, instrumentation: Instrumentation, names: NameSource) {
    this.transport = transport as { sessionId?: unknown };
    this.instrumentation = instrumentation;
    this.names = names;
    const max = instrumentation.options.maxPendingRequests;
    this.inbound = new PendingRequests(max);
    this.outbound = new PendingRequests(max);
    this.identity = new ConnectionIdentity(transport, instrumentation);
  }

  /** A request arrived: starts its SERVER span and returns the context to deliver it in. */
  receiveRequest(message: RpcMessage, extra: unknown): Context {
    return receiveRequest(this, message, extra);
  }

  /** A notification arrived: counts it and applies cancellation and progress to requests in flight. */
  receiveNotification(message: RpcMessage): Context | undefined {
    return receiveNotification(this, message);
  }

  /** A response arrived: ends the CLIENT span of the request it answers. */
  receiveResponse(message: RpcMessage): void {
    receiveResponse(this, message);
  }

  /** A request is being sent: starts its CLIENT span and returns the message with `_meta` propagation. */
  sendRequest(message: RpcMessage): { message: RpcMessage; request: PendingRequest } {
    return sendRequest(this, message);
  }

  /** Sending a request failed: ends its span as a transport error. */
  sendFailed(request: PendingRequest, id: unknown, error: unknown): void {
    sendFailed(this, request, id, error);
  }

  /** A response is being sent: ends the SERVER span of the request it answers. */
  sendResponse(message: RpcMessage): void {
    sendResponse(this, message);
  }

  /** A notification is being sent: counts it, applies it to requests in flight, adds `_meta` propagation. */
  sendNotification(message: RpcMessage, relatedRequestId: unknown): RpcMessage {
    return sendNotification(this, message, relatedRequestId);
  }

  /** The transport closed: ends what is still in flight and records the session. */
  closed(): void {
    if (this.#closed) return;
    this.#closed = true;
    const { server, client } = this.instrumentation;
    for (const request of this.inbound.takeAll())
      finishRequest(this.identity, request, -32000, undefined, 'Connection closed', server);
    for (const request of this.outbound.takeAll())
      finishRequest(this.identity, request, -32000, undefined, 'Connection closed', client);
    const startMs = this.identity.sessionStartMs;
    if (startMs !== undefined) {
      const seconds = (performance.now() - startMs) / 1000;
      // A server-role connection received initialize; a client-role one sent it.
      const side = this.identity.sessionSide === 'server' ? server : client;
      side.sessionDuration.record(seconds, this.identity.profileOf(side).attributes);
    }
    this.instrumentation.untrack(this);
  }

  /** Ends requests older than the TTL as orphans; returns whether anything is still in flight. */
  sweep(cutoffMs: number): boolean {
    const { server, client } = this.instrumentation;
    for (const request of this.inbound.takeOlderThan(cutoffMs))
      finishRequest(this.identity, request, 'orphaned', undefined, undefined, server);
    for (const request of this.outbound.takeOlderThan(cutoffMs))
      finishRequest(this.identity, request, 'orphaned', undefined, undefined, client);
    return this.inbound.size > 0 || this.outbound.size > 0;
  }

  /** Adds a started request to `pending`; ends the one evicted by the cap as an orphan. */
  track(
    pending: PendingRequests,
    id: string | number,
    request: PendingRequest,
    telemetry: SideTelemetry,
  ): void {
    request.inFlight.value++;
    const evicted = pending.add(id, request);
    if (evicted !== undefined)
      finishRequest(this.identity, evicted, 'orphaned', undefined, undefined, telemetry);
    if (!this.tracked) this.instrumentation.track(this);
  }
}
