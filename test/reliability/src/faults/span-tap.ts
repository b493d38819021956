import type { AdapterV1, TracesContributionV1 } from '@mcp-o11y/core';

type SpanProcessor = NonNullable<TracesContributionV1['processors']>[number];

/**
 * An adapter whose only part is a span processor that hands the id of every span the pipeline ended to
 * `onEnd` (a `Set`'s `add`, or a counter): the "sent" side of the suite's sent = received + counted-as-
 * dropped check. It never drops anything, so its count is the truth the backend's count is compared with.
 */
export function spanTap(onEnd: (spanId: string) => void): AdapterV1 {
  const processor: SpanProcessor = {
    onStart: () => undefined,
    onEnd: (span) => onEnd(span.spanContext().spanId),
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
  return {
    specificationVersion: 'v1',
    id: 'span-tap',
    kinds: ['traces'],
    create: () => ({ specificationVersion: 'v1', id: 'span-tap', traces: { processors: [processor] } }),
  };
}
