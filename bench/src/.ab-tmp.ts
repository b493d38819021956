// temporary A/B driver (not committed): full pipeline, baseline build vs current build, interleaved.
import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as current from '@mcp-o11y/core';
import { measureInterleavedAsync } from './measure.ts';

const req = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const { McpServer } = req('@modelcontextprotocol/sdk/server/mcp.js');
const { Client } = req('@modelcontextprotocol/sdk/client/index.js');
const { InMemoryTransport } = req('@modelcontextprotocol/sdk/inMemory.js');
const { z } = req('zod');
const baseline = await import(process.env.BASE ?? '/tmp/core-before/dist/index.js');
const devNull = openSync('/dev/null', 'w');
const memory = process.argv[2] === 'noop' ? false : undefined;
async function pair(core: typeof current | undefined, mem = memory) {
  const server = new McpServer({ name: 'b', version: '1' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }: { text: string }) => ({
    content: [{ type: 'text', text }],
  }));
  if (core) {
    const observability = await core.createObservability({
      memory: mem,
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
const swap = process.env.SWAP === '1';
const first = swap ? await pair(current) : await pair(baseline);
const second = swap ? await pair(baseline) : await pair(current);
const variants = [
  { name: 'baseline build', run: swap ? second : first },
  { name: 'current build', run: swap ? first : second },
  { name: 'uninstrumented', run: await pair(undefined) },
  ...(process.env.NOOP ? [{ name: 'current noop', run: await pair(current, false) }] : []),
];
const gc = (globalThis as { gc?: (o?: unknown) => void }).gc!;
for (let w = 0; w < 4; w++) for (const v of variants) await v.run(5000);
const N = Number(process.env.N ?? 2000);
const wall: number[][] = variants.map(() => []);
const cpu: number[][] = variants.map(() => []);
const rounds = Number(process.env.ROUNDS ?? 41);
for (let r = 0; r < rounds; r++) {
  for (let o = 0; o < variants.length; o++) {
    const i = (r + o) % variants.length;
    gc({ type: 'minor' });
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await variants[i]!.run(N);
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    wall[i]!.push(Number(t1 - t0) / N);
    cpu[i]!.push(((c1.user + c1.system) * 1000) / N);
  }
}
const med = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
};
const q = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor((s.length - 1) * p)]!;
};
for (const [i, v] of variants.entries()) {
  const dw = wall[i]!.map((x, r) => x - wall[0]![r]!);
  const dc = cpu[i]!.map((x, r) => x - cpu[0]![r]!);
  const du = wall[i]!.map((x, r) => x - wall[2]![r]!);
  const dcu = cpu[i]!.map((x, r) => x - cpu[2]![r]!);
  console.log(
    v.name.padEnd(16),
    'wall',
    Math.round(med(wall[i]!)),
    'cpu',
    Math.round(med(cpu[i]!)),
    '| vs baseline wall',
    Math.round(med(dw)),
    `[${Math.round(q(dw, 0.25))},${Math.round(q(dw, 0.75))}]`,
    'cpu',
    Math.round(med(dc)),
    `[${Math.round(q(dc, 0.25))},${Math.round(q(dc, 0.75))}]`,
    '| vs uninstr wall',
    Math.round(med(du)),
    'cpu',
    Math.round(med(dcu)),
    'ratio',
    med(wall[i]!.map((x, r) => x / wall[2]![r]!)).toFixed(2),
  );
}
process.exit(0);
