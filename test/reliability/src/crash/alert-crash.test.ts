import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStateStore, type LoggerV1 } from '@mcp-o11y/core';
import { afterEach, expect, it } from 'vitest';
import { FULL_RUN, recordSuiteResult } from '../report/suite-result.ts';
import type { CrashChildMessage, CrashParentMessage } from './crash-messages.ts';
import { analyseDeliveries, type DeliveryEvent } from './delivery-history.ts';
import { type NotificationReceiver, startNotificationReceiver } from './notification-receiver.ts';

const KILLS = FULL_RUN ? 100 : 10;
const SERIES = ['a', 'b', 'c'];
const STATE_KEY = 'alert-engine.crash-test';
const childScript = path.join(import.meta.dirname, 'alert-delivery.child.ts');

const random = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let directory: string | undefined;
let receiver: NotificationReceiver | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await receiver?.close();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  child = receiver = directory = undefined;
});

/** A warning-recording logger: the state store reports a quarantined (corrupt) file through it. */
function recordingLogger(warnings: string[]): LoggerV1 {
  const logger: LoggerV1 = {
    debug() {},
    info() {},
    warn: (message: string) => warnings.push(message),
    error: (message: string) => warnings.push(message),
    fatal() {},
    child: () => logger,
    isLevelEnabled: () => true,
  };
  return logger;
}

interface SavedState {
  readonly alerts: readonly { fingerprint: string; labels: Record<string, string> }[];
  readonly dispatcher: {
    readonly log: readonly { firing: readonly string[]; maybeFiring?: readonly string[] }[];
    readonly inFlight?: readonly { firing: readonly string[] }[];
  };
}

it(`alert delivery survives ${KILLS} SIGKILLs: no lost resolve, no unexplained duplicate, no corrupt state`, async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'mcp-o11y-crash-'));
  const stateDirectory = path.join(directory, 'state');
  const events: DeliveryEvent[] = [];
  const lastStatus = new Map<string, 'firing' | 'resolved'>();
  const condition: Record<string, number> = Object.fromEntries(SERIES.map((series) => [series, 0]));
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  let killing = false;

  const killSoon = (delayMs: number): void => {
    if (!killing || killTimer !== undefined) return;
    killTimer = setTimeout(() => child?.kill('SIGKILL'), delayMs);
  };
  receiver = await startNotificationReceiver({
    onNotification(alerts) {
      for (const alert of alerts) {
        const series = alert.labels.series ?? '?';
        events.push({ kind: 'notification', series, status: alert.status, startsAt: alert.startsAt });
        lastStatus.set(series, alert.status);
      }
      // Most kills land around a delivery: before the answer, while the engine saves, or just after.
      if (Math.random() < 0.6) killSoon(random(0, 25));
    },
    answerDelayMs: () => random(0, 15),
  });

  const setCondition = (series: string, value: number): void => {
    condition[series] = value;
    if (child?.connected) child.send({ type: 'condition', condition } satisfies CrashParentMessage);
  };
  const flipOne = (): void => {
    const series = SERIES[random(0, SERIES.length - 1)]!;
    setCondition(series, condition[series] === 1 ? 0 : 1);
  };

  const start = async (): Promise<ChildProcess> => {
    const started = fork(childScript, [stateDirectory, receiver!.url, JSON.stringify(condition)], {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child = started;
    await new Promise<void>((resolve, reject) => {
      started.on('message', (message: CrashChildMessage) => {
        if (message.type === 'ready') resolve();
      });
      started.on('exit', (code, signal) =>
        reject(new Error(`child exited (${code ?? signal}) before it was ready: ${stderr.slice(-2000)}`)),
      );
    });
    return started;
  };

  // Series whose delivery the state file leaves uncertain: the receiver's last notification is not the
  // one recorded as sent, or one was out for delivery. Read as the next process reads it; never corrupt.
  const uncertainSeries = async (): Promise<string[]> => {
    const warnings: string[] = [];
    const store = new FileStateStore({ directory: stateDirectory, logger: recordingLogger(warnings) });
    const saved = (await store.load(STATE_KEY)) as SavedState | undefined;
    await store.close();
    expect(warnings, 'the state file was torn by a kill').toEqual([]);
    const seriesOf = new Map(saved?.alerts.map((alert) => [alert.fingerprint, alert.labels.series]) ?? []);
    const seriesIn = (fingerprints: readonly string[]) => fingerprints.map((each) => seriesOf.get(each));
    const log = saved?.dispatcher.log ?? [];
    const confirmed = new Set(log.flatMap((entry) => seriesIn(entry.firing)));
    const maybe = new Set([
      ...log.flatMap((entry) => seriesIn(entry.maybeFiring ?? [])),
      ...(saved?.dispatcher.inFlight ?? []).flatMap((entry) => seriesIn(entry.firing)),
    ]);
    return SERIES.filter(
      (series) => (lastStatus.get(series) === 'firing') !== confirmed.has(series) || maybe.has(series),
    );
  };

  let uncertainKills = 0;
  for (let life = 0; life < KILLS; life += 1) {
    const running = await start();
    const exited = new Promise<void>((resolve) => running.on('exit', () => resolve()));
    killing = true;
    // A kill at a random moment when no delivery triggers one first.
    const fallback = setTimeout(() => killSoon(0), random(150, 1200));
    const flipper = setInterval(flipOne, random(120, 350));
    await exited;
    clearTimeout(fallback);
    clearInterval(flipper);
    killing = false;
    clearTimeout(killTimer);
    killTimer = undefined;
    await receiver.settled();
    const uncertain = await uncertainSeries();
    if (uncertain.length > 0) uncertainKills += 1;
    events.push({ kind: 'kill', uncertain });
    // The world moves on while the process is down: sometimes an alert clears or fires meanwhile.
    if (Math.random() < 0.5) flipOne();
  }

  // Last run: every condition clears; every episode must be resolved, then the process stops cleanly.
  for (const series of SERIES) condition[series] = 0;
  const last = await start();
  const deadline = Date.now() + 60_000;
  while ([...lastStatus.values()].some((status) => status === 'firing') && Date.now() < deadline) {
    await sleep(50);
  }
  // Let a late duplicate show itself before stopping.
  await sleep(500);
  const stopped = new Promise<void>((resolve) => last.on('exit', () => resolve()));
  last.send({ type: 'stop' } satisfies CrashParentMessage);
  await stopped;
  await receiver.settled();
  expect(await uncertainSeries()).toEqual([]);
  expect((await readdir(stateDirectory)).sort()).toEqual([`${STATE_KEY}.json`]);

  const analysis = analyseDeliveries(events);
  expect(analysis.lostResolves).toEqual([]);
  expect(analysis.unexplainedDuplicates).toEqual([]);
  // One duplicate at most per kill that landed between a delivery and its save.
  expect(analysis.explainedDuplicates).toBeLessThanOrEqual(uncertainKills * SERIES.length);
  // The run did what it is about: alerts fired and resolved across the kills.
  expect(analysis.firing).toBeGreaterThanOrEqual(3);
  expect(analysis.resolved).toBeGreaterThanOrEqual(3);

  recordSuiteResult({
    area: 'crash',
    scenario: `alert delivery, SIGKILL at random points (${KILLS} kills)`,
    faults: KILLS,
    note:
      `${analysis.firing} firing and ${analysis.resolved} resolved notifications; ` +
      `${uncertainKills} kills left a delivery uncertain, ${analysis.explainedDuplicates} duplicate(s) from them; ` +
      'no lost resolve, no other duplicate, state file never torn',
  });
});
