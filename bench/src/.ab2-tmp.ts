// temporary A/B driver (not committed): ONE build of core per process (CORE=path), interleaved variants.
import { openSync } from 'node:fs';
import { createRequire } from 'node:module';

const req = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const { McpServer } = req('@modelcontextprotocol/sdk/server/mcp.js');
const { Client } = req('@modelcontextprotocol/sdk/client/index.js');
const { InMemoryTransport } = req('@modelcontextprotocol/sdk/inMemory.js');
const { z } = req('zod');
const core = await import(process.env.CORE!);
const devNull = openSync('/dev/null', 'w');
async function pair(memory: false | undefined | 'none') {
  const server = new McpServer({ name: 'b', version: '1' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }: { text: string }) => ({
    content: [{ type: 'text', text }],
  }));
  if (memory !== 'none') {
    const observability = await core.createObservability({
      memory,
      logging: { destination: devNull, requests: false },
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      registerGlobals: false,
    });
    core.instrument(server, { observability });
  }
  const client = new Client({ name: 'c', version: '1' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(b);
  await client.connect(a);
  const args = { name: 'echo', arguments: { text: 'hi' } };
  return async (n: number) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += (await client.callTool(args)).content.length;
    return c;
  };
}
const variants = [
  { name: 'uninstrumented', run: await pair('none') },
  ...(process.env.NONOOP ? [] : [{ name: 'noop', run: await pair(false) }]),
  { name: 'full', run: await pair(undefined) },
];
const gc = (globalThis as { gc?: (o?: unknown) => void }).gc!;
if (process.env.HEAPPROF) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  const full = variants.at(Number(process.env.HEAPVAR ?? -1))!;
  await full.run(20000);
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await full.run(50000);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
  type Node = {
    callFrame: { functionName: string; url: string; lineNumber: number };
    selfSize: number;
    children: Node[];
  };
  const self = new Map<string, number>();
  let total = 0;
  const walk = (n: Node, stack: string) => {
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\/\.pnpm\/[^/]*\/node_modules\//, '').replace(/.*\/work\/main\//, '')}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + n.selfSize);
    total += n.selfSize;
    for (const c of n.children) walk(c, stack);
  };
  walk(profile.head, '');
  console.log('total bytes/call', (total / 50000).toFixed(0));
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40)))
    console.log(String((v / 50000).toFixed(0)).padStart(6), k.slice(0, 140));
  process.exit(0);
}
if (process.env.ALLOC) {
  // Young-generation collections per call with a fixed semi-space: proportional to bytes allocated.
  const { PerformanceObserver, constants } = await import('node:perf_hooks');
  let minor = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR)
        minor++;
  });
  observer.observe({ entryTypes: ['gc'] });
  const parts: string[] = [];
  for (const v of variants) {
    await v.run(20000);
    gc();
    await new Promise((r) => setTimeout(r, 50));
    minor = 0;
    await v.run(100000);
    await new Promise((r) => setTimeout(r, 50));
    parts.push(`${v.name} ${minor} scavenges/100k`);
  }
  console.log(process.env.LABEL ?? '', parts.join(' | '));
  process.exit(0);
}
for (let w = 0; w < 4; w++) for (const v of variants) await v.run(5000);
const N = Number(process.env.N ?? 2000);
const wall: number[][] = variants.map(() => []);
const rounds = Number(process.env.ROUNDS ?? 31);
for (let r = 0; r < rounds; r++) {
  for (let o = 0; o < variants.length; o++) {
    const i = (r + o) % variants.length;
    gc({ type: 'minor' });
    const t0 = process.hrtime.bigint();
    await variants[i]!.run(N);
    wall[i]!.push(Number(process.hrtime.bigint() - t0) / N);
  }
}
const med = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
};
const out = variants.map(
  (v, i) =>
    `${v.name} ${(med(wall[i]!.map((x, r) => x - wall[0]![r]!)) / 1000).toFixed(2)}µs ${med(wall[i]!.map((x, r) => x / wall[0]![r]!)).toFixed(2)}x`,
);
console.log(process.env.LABEL ?? '', 'uninstr', Math.round(med(wall[0]!)), 'ns |', out.slice(1).join(' | '));
process.exit(0);
