// Child process of the crash test: the alert engine of `createObservability` with the file state store,
// notifying a webhook receiver in the parent, until the parent kills it with SIGKILL. One alert per
// series of the gauge `crash.condition`, whose values the parent sets over IPC.
// Usage: node alert-delivery.child.ts <state directory> <webhook url> <initial condition as JSON>
import { createObservability } from '@mcp-o11y/core';
import { webhookNotifier } from '@mcp-o11y/notify-webhook';
import type { CrashChildMessage, CrashParentMessage } from './crash-messages.ts';

const [directory, url, initial] = process.argv.slice(2);
if (directory === undefined || url === undefined || initial === undefined) {
  throw new Error('usage: alert-delivery.child.ts <state directory> <webhook url> <condition JSON>');
}
let condition = JSON.parse(initial) as Record<string, number>;
const send = (message: CrashChildMessage): void => {
  process.send?.(message);
};

const observability = await createObservability({
  service: { name: 'crash-test' },
  logging: { destination: false },
  registerGlobals: false,
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  health: { builtInChecks: false },
  adapters: [webhookNotifier({ url })],
  alerts: {
    defaultRules: false,
    console: false,
    customMetrics: ['crash.condition'],
    evaluationInterval: '100ms',
    state: { directory },
    rules: [
      {
        name: 'CrashCondition',
        severity: 'high',
        condition: { kind: 'metric', metric: 'crash.condition', by: ['series'], op: '>', threshold: 0.5 },
      },
    ],
    // One group per alert, notified at once; a repeat inside the test would be a duplicate.
    routing: { route: { groupBy: ['...'], groupWait: '0s', groupInterval: '100ms', repeatInterval: '1h' } },
  },
});
observability.meter.createObservableGauge('crash.condition').addCallback((result) => {
  for (const [series, value] of Object.entries(condition)) result.observe(value, { series });
});

process.on('message', (message: CrashParentMessage) => {
  if (message.type === 'condition') condition = message.condition;
  if (message.type === 'stop') {
    void observability.shutdown().then(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  }
});
send({ type: 'ready', pid: process.pid });
