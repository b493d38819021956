import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness } from '../alerts/engine/engine-test-harness.test-helper.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import { InMemoryBackend } from '../store/in-memory-backend.js';
import type { AuthClassification } from './classify-http-security.js';
import { prepareSecurityTelemetry, recordHttpSecurityEvent } from './security-telemetry.js';

const quiet: LoggerV1 = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  fatal: () => {},
  child: () => quiet,
  isLevelEnabled: () => false,
};

const providers: MeterProvider[] = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.shutdown();
});

/** The default rule pack over a real in-memory backend fed by the security counters, on a hand-driven clock. */
function authHarness() {
  let now = Date.UTC(2026, 0, 15, 9, 0, 0);
  const clock = () => now;
  const backend = new InMemoryBackend({}, clock);
  const provider = new MeterProvider({ readers: [backend.metricReader] });
  providers.push(provider);
  const target = { meter: provider.getMeter('security-test'), logger: quiet };
  // What observeHttpSecurity() does when it is created: the series exist (at 0) before the first request.
  prepareSecurityTelemetry(target);
  const harness = createHarness({ backend, defaultRules: true, rules: [], clock });
  const attempts = (count: number, auth: AuthClassification) => {
    for (let index = 0; index < count; index += 1) {
      recordHttpSecurityEvent(target, {
        auth,
        status: auth.outcome === 'success' ? 200 : auth.outcome === 'failure' ? 401 : 403,
        method: 'POST',
        path: '/mcp',
        clientAddress: '203.0.113.9',
        identity: undefined,
      });
    }
  };
  const alert = () => harness.engine.listAlerts().find((each) => each.name === 'AuthenticationFailures');
  const advance = async (ms: number) => {
    now += ms;
    await harness.tick();
  };
  return { attempts, alert, advance };
}

const success: AuthClassification = { outcome: 'success' };
const invalid: AuthClassification = { outcome: 'failure', reason: 'invalid_token' };
const expired: AuthClassification = { outcome: 'failure', reason: 'expired_token' };

describe('the AuthenticationFailures default rule', () => {
  it('fires when more than 10 % of auth attempts fail over 5 minutes, and resolves', async () => {
    const h = authHarness();
    await h.advance(0);
    h.attempts(27, success);
    h.attempts(2, invalid);
    h.attempts(1, expired);
    await h.advance(60_000);
    // 3 of 30 is exactly 10 %: not above.
    expect(h.alert()).toBeUndefined();

    h.attempts(9, success);
    h.attempts(1, invalid);
    await h.advance(60_000);
    // 4 of 40.
    expect(h.alert()).toBeUndefined();

    h.attempts(1, invalid);
    await h.advance(1000);
    // 5 of 41 = 12.2 %: the rule has no `for`, so it fires on this evaluation.
    expect(h.alert()).toMatchObject({ state: 'firing', severity: 'high' });
    expect(h.alert()?.value).toBeCloseTo(5 / 41);
    expect(h.alert()?.annotations).toMatchObject({
      summary: 'Authentication failure rate is 12.2 % (above 10 %). Possible security incident.',
      runbook: 'authentication_failures',
    });

    // Five minutes of clean traffic later the failures have left the window.
    h.attempts(50, success);
    await h.advance(300_000);
    expect(h.alert()?.state).toBe('resolved');
  });

  it('ignores 403 denials and fewer than 10 attempts', async () => {
    const h = authHarness();
    await h.advance(0);
    h.attempts(9, invalid);
    await h.advance(60_000);
    expect(h.alert()).toBeUndefined();

    h.attempts(1, success);
    h.attempts(40, { outcome: 'denied', reason: 'insufficient_scope' });
    await h.advance(60_000);
    // 9 failures of 50 attempts (the denials count as attempts, not as failures): 18 %.
    expect(h.alert()?.state).toBe('firing');
    expect(h.alert()?.value).toBeCloseTo(9 / 50);
  });
});
