import { inMemoryBackend } from '@mcp-o11y/core';
import { describeAdapterConformance } from '../src/index.js';

// Core's own backend is an adapter like any other and passes the same suite.
describeAdapterConformance({
  name: 'in-memory backend',
  adapter: () => inMemoryBackend({ maxSpans: 100 }),
  capabilities: { traces: true, metrics: true, logs: true },
});
