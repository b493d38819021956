/**
 * The dashboard in real headless Chromium (Debian's `chromium`, driven by playwright-core; nothing is
 * downloaded) against an instrumented MCP server under traffic with a flaky tool and a fast alert rule.
 * Screenshots land in test/artifacts/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import type { Observability } from '@mcp-o11y/core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDashboard, startDashboard } from '../src/index.js';
import { createTestObservability, startMcpServer } from './mcp-traffic.js';

const artifacts = new URL('./artifacts/', import.meta.url).pathname;
const token = 'dashboard-test-token-4f9a';
const bearer = { authorization: `Bearer ${token}` };

let observability: Observability;
let mcp: Awaited<ReturnType<typeof startMcpServer>>;
let dashboard: RunningDashboard;
let browser: Browser;
let page: Page;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, dashboard.url), { headers: bearer });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/**
 * Pixels of the canvas under `selector` drawn in `rgb` (a series' stroke colour), read in the page: axes and
 * grid are grey, so this counts only what a data series drew.
 */
function seriesPixels(
  selector: string,
  rgb: readonly [number, number, number],
  target: Page = page,
): Promise<number> {
  return target.evaluate(
    ({ css, colour }) => {
      const canvas = document.querySelector(css) as HTMLCanvasElement | null;
      if (canvas === null) return -1;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let painted = 0;
      for (let index = 0; index < data.length; index += 4) {
        const close = [0, 1, 2].every(
          (channel) => Math.abs((data[index + channel] ?? 0) - colour[channel]!) < 40,
        );
        if (close && (data[index + 3] ?? 0) > 200) painted += 1;
      }
      return painted;
    },
    { css: selector, colour: rgb },
  );
}

const blue: [number, number, number] = [48, 86, 211];
const orange: [number, number, number] = [179, 89, 0];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  observability = await createTestObservability();
  mcp = await startMcpServer(observability);
  dashboard = await startDashboard({ observability, port: 0, token, tickMillis: 500 });
  await mcp.traffic(20);
  // Evaluate until the alert on the flaky tool fires.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await observability.alerts!.evaluateNow();
    if (observability.alerts!.listAlerts().some((alert) => alert.state === 'firing')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(observability.alerts!.listAlerts().map((alert) => alert.state)).toContain('firing');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // `?token=` once: the dashboard sets the session cookie and redirects to the address without it.
  const response = await page.goto(`${dashboard.url}?token=${token}`);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(dashboard.url);
  await page.waitForSelector('body[data-ready="true"]');
});

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await mcp?.close();
  await observability?.shutdown();
});

describe('dashboard in headless Chromium', () => {
  it('renders the charts with data', async () => {
    for (const id of ['chart-throughput', 'chart-latency', 'chart-errors'])
      await page.waitForSelector(`#${id} canvas`);
    for (const id of ['chart-throughput', 'chart-latency', 'chart-errors']) {
      const plotted = await page.locator(`#${id}`).getAttribute('data-values');
      expect(Number(plotted), id).toBeGreaterThan(0);
    }
    // Requests/s and the tool_error bars in blue (first series colour), p95 in orange.
    await expect.poll(() => seriesPixels('#chart-throughput canvas', blue)).toBeGreaterThan(20);
    await expect.poll(() => seriesPixels('#chart-errors canvas', blue)).toBeGreaterThan(20);
    await expect.poll(() => seriesPixels('#chart-latency canvas', orange)).toBeGreaterThan(5);
    const series = await api<{
      throughput: number[];
      latency: { p95: (number | null)[] };
      errorsByType: Record<string, number[]>;
    }>('api/timeseries?window=900&step=10');
    expect(series.throughput.some((value) => value > 0)).toBe(true);
    expect(series.latency.p95.some((value) => value !== null && value > 0)).toBe(true);
    expect(Object.keys(series.errorsByType)).toContain('tool_error');
    // The legend shows each line of each chart.
    const legend = await page.locator('#chart-latency .u-legend').innerText();
    expect(legend).toMatch(/p50[\s\S]*p95[\s\S]*p99/);
  });

  it('shows overview cards and the tool table with every tool and its sparkline', async () => {
    // 60 tool calls, plus the client's own tools/list.
    const requests = await page.locator('#cards [data-card="requests"] .value').innerText();
    expect(Number(requests.split(' ')[0])).toBeGreaterThanOrEqual(60);
    const rows = page.locator('#tools tbody tr[data-tool]');
    await expect
      .poll(() => rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-tool')).sort()))
      .toEqual(['flaky', 'get_forecast', 'search_cities']);
    expect(await page.locator('#tools tr[data-tool="flaky"] td').nth(1).innerText()).toBe('20');
    expect(await page.locator('#tools tr[data-tool="flaky"] td').nth(2).innerText()).toBe('10 (50.0 %)');
    expect(await seriesPixels('#tools tr[data-tool="get_forecast"] canvas', blue)).toBeGreaterThan(0);
    expect(await page.locator('#clients tbody').innerText()).toContain('claude-desktop');
    expect(await page.locator('#process').innerText()).toContain('Memory (RSS)');
    await page.screenshot({ path: `${artifacts}dashboard-1280.png`, fullPage: true });
  });

  it('acknowledges and silences the firing alert from the page, and the API reflects it', async () => {
    const alert = page.locator('#alerts li[data-state="firing"]').first();
    await alert.waitFor();
    const fingerprint = await alert.getAttribute('data-fingerprint');
    await page.fill('#actor', 'alice');
    await alert.locator('button[data-action="ack"]').click();
    await expect
      .poll(() => page.locator(`#alerts li[data-fingerprint="${fingerprint}"]`).innerText())
      .toContain('ack by alice');
    const acknowledged = await api<{ alerts: { fingerprint: string; acknowledgedBy?: string }[] }>(
      'api/alerts',
    );
    expect(acknowledged.alerts.find((one) => one.fingerprint === fingerprint)?.acknowledgedBy).toBe('alice');

    await page.locator(`#alerts li[data-fingerprint="${fingerprint}"] button[data-action="silence"]`).click();
    await expect.poll(() => page.locator('#silences li[data-silence]').count()).toBe(1);
    const after = await api<{
      alerts: { fingerprint: string; silencedBy: string[] }[];
      silences: {
        id: string;
        status: string;
        createdBy: string;
        matchers: { name: string; value: string }[];
      }[];
    }>('api/alerts');
    expect(after.silences).toHaveLength(1);
    expect(after.silences[0]).toMatchObject({ status: 'active', createdBy: 'alice' });
    expect(after.silences[0]?.matchers).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'alertname', value: 'FlakyToolFailing' })]),
    );
    await expect
      .poll(async () => {
        await observability.alerts!.evaluateNow();
        const view = await api<{ alerts: { fingerprint: string; silencedBy: string[] }[] }>('api/alerts');
        return view.alerts.find((one) => one.fingerprint === fingerprint)?.silencedBy.length;
      })
      .toBe(1);
    // The incident opened by the alert shows its timeline, acknowledgement included.
    await expect.poll(() => page.locator('#incidents').innerText()).toMatch(/acknowledged · alice/);
    // The alert links its runbook, which the page shows with its steps.
    await page
      .locator(`#alerts li[data-fingerprint="${fingerprint}"] a[href="#runbook-high_error_rate"]`)
      .click();
    await expect.poll(() => page.locator('#runbook-high_error_rate').getAttribute('open')).not.toBeNull();
  });

  it('is usable on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(dashboard.url);
    await phone.waitForSelector('body[data-ready="true"]');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${artifacts}dashboard-phone.png`, fullPage: true });
    await phone.close();
  });
});

describe('token enforcement', () => {
  it('refuses requests without the token, in the browser and on the API', async () => {
    const stranger = await browser.newPage();
    const response = await stranger.goto(dashboard.url);
    expect(response?.status()).toBe(401);
    const wrong = await stranger.goto(`${dashboard.url}?token=nope`);
    expect(wrong?.status()).toBe(401);
    await stranger.close();
    expect((await fetch(new URL('api/overview', dashboard.url))).status).toBe(401);
    const wrongBearer = await fetch(new URL('api/overview', dashboard.url), {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrongBearer.status).toBe(401);
    expect(await wrongBearer.text()).not.toContain(token);
  });

  it('refuses a cross-origin POST even with a valid session', async () => {
    const response = await fetch(new URL('api/silences', dashboard.url), {
      method: 'POST',
      headers: { ...bearer, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ matchers: ['alertname="X"'], duration: '1h' }),
    });
    expect(response.status).toBe(403);
  });

  it('will not listen beyond loopback without a token, and enforces it when bound elsewhere', async () => {
    // Rejected before any socket is opened: nothing is ever bound to 0.0.0.0 here.
    await expect(startDashboard({ observability, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /^\[@mcp-o11y\/dashboard\] refusing to listen on 0\.0\.0\.0 without a token/,
    );
    await expect(startDashboard({ observability, host: '10.0.0.8', port: 0, env: {} })).rejects.toThrow(
      /token/,
    );
    // 127.0.0.2 is another address than the default; requireToken makes the dashboard behave as it does
    // beyond loopback.
    const other = await startDashboard({
      observability,
      host: '127.0.0.2',
      port: 0,
      token,
      requireToken: true,
    });
    try {
      const probe = await browser.newPage();
      expect((await probe.goto(other.url))?.status()).toBe(401);
      expect((await probe.goto(`${other.url}?token=${token}`))?.status()).toBe(200);
      await probe.waitForSelector('body[data-ready="true"]');
      await probe.close();
    } finally {
      await other.close();
    }
  });
});
