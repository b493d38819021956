/** Sends one server-sent event to one subscriber. */
export type EventSink = (event: string, data: unknown) => void;

/**
 * The subscribers of `GET /api/events`: a `snapshot` to everyone every tick, and an `alerts` event as soon
 * as the alert state changes (polled twice a second, only while someone listens). Timers are unref'd so
 * the dashboard never keeps a finished process alive.
 */
export class EventHub {
  private readonly sinks = new Set<EventSink>();
  private tickTimer: NodeJS.Timeout | undefined = undefined;
  private watchTimer: NodeJS.Timeout | undefined = undefined;
  private lastSignature = '';

  constructor(
    private readonly tickMillis: number,
    private readonly snapshot: () => Promise<unknown>,
    private readonly alertsSnapshot: () => unknown,
    private readonly signature: () => string,
  ) {}

  /** Adds a subscriber and sends it a first snapshot; returns the unsubscribe function. */
  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    if (this.tickTimer === undefined) this.start();
    void this.snapshot().then(
      (data) => sink('snapshot', data),
      () => undefined,
    );
    return () => {
      this.sinks.delete(sink);
      if (this.sinks.size === 0) this.stop();
    };
  }

  /** Subscribers now. */
  get size(): number {
    return this.sinks.size;
  }

  /** Pushes an `alerts` event now if the alert state changed (after an acknowledgement, a silence, …). */
  checkAlerts(): void {
    if (this.sinks.size === 0) return;
    const signature = this.signature();
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    this.broadcast('alerts', this.alertsSnapshot());
  }

  /** Stops the timers and forgets every subscriber (their streams are closed by the server). */
  close(): void {
    this.sinks.clear();
    this.stop();
  }

  private broadcast(event: string, data: unknown): void {
    for (const sink of this.sinks) {
      try {
        sink(event, data);
      } catch {
        this.sinks.delete(sink);
      }
    }
  }

  private start(): void {
    this.lastSignature = this.signature();
    this.tickTimer = setInterval(() => {
      void this.snapshot().then(
        (data) => this.broadcast('snapshot', data),
        () => undefined,
      );
    }, this.tickMillis);
    this.watchTimer = setInterval(() => this.checkAlerts(), 500);
    this.tickTimer.unref();
    this.watchTimer.unref();
  }

  private stop(): void {
    clearInterval(this.tickTimer);
    clearInterval(this.watchTimer);
    this.tickTimer = undefined;
    this.watchTimer = undefined;
  }
}

/** One event in the `text/event-stream` wire format. */
export function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
