import { it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { InMemoryBackend } from './in-memory-backend.js';
it('measure', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const backend = new InMemoryBackend({ maxSpans: 10000 });
  const tracer = new TracerProvider({ spanProcessors: [backend.spanProcessor] }).getTracer('t');
  gc(); const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 10000; i++) { const s = tracer.startSpan('tools/call search', { attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'search' + i, 'rpc.system': 'mcp', 'network.transport': 'pipe', 'mcp.session.id': 'abc' + i } }); s.addEvent('x'); s.end(); }
  gc(); console.log('bytes/span', (process.memoryUsage().heapUsed - before) / 10000);
});
