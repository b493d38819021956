// biome-ignore-all lint/suspicious/noExplicitAny: the validator cases mutate a deep clone of a payload to break one rule.
import type { NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { validateAlertmanagerPayload } from '../test/alertmanager-v4-validator.js';
import { convertToAlertmanagerPayload, formatRfc3339, zeroTime } from './convert-to-alertmanager-payload.js';

describe('convertToAlertmanagerPayload', () => {
  it.each(Object.entries(canonicalNotifications))('maps %s to a valid v4 payload', (_, notification) => {
    expect(validateAlertmanagerPayload(convertToAlertmanagerPayload(notification))).toEqual([]);
  });

  it('formats times like Go marshals time.Time (RFC3339Nano)', () => {
    expect(formatRfc3339(Date.UTC(2026, 0, 15, 9, 30, 0))).toBe('2026-01-15T09:30:00Z');
    expect(formatRfc3339(Date.UTC(2026, 0, 15, 9, 30, 0, 120))).toBe('2026-01-15T09:30:00.12Z');
    expect(formatRfc3339(Date.UTC(2026, 0, 15, 9, 30, 0, 5))).toBe('2026-01-15T09:30:00.005Z');
  });

  it('zeroes endsAt while firing and uses endsAt (or now) once resolved', () => {
    expect(convertToAlertmanagerPayload(canonicalNotifications.lowFiring).alerts[0]?.endsAt).toBe(zeroTime);
    expect(convertToAlertmanagerPayload(canonicalNotifications.lowResolved).alerts[0]?.endsAt).toBe(
      '2026-01-15T09:50:00Z',
    );
    const { endsAt: _, ...alert } = canonicalNotifications.lowResolved.alerts[0]!;
    const withoutEnd: NotificationV1 = { ...canonicalNotifications.lowResolved, alerts: [alert] };
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    expect(convertToAlertmanagerPayload(withoutEnd, { now }).alerts[0]?.endsAt).toBe('2026-01-15T12:00:00Z');
  });

  it('adds alertname and severity labels and the link and value annotations', () => {
    const [alert] = convertToAlertmanagerPayload(canonicalNotifications.criticalFiring).alerts;
    expect(alert?.labels).toEqual({
      alertname: 'ServerDown',
      service: 'weather-mcp',
      severity: 'critical',
      tool: 'get_forecast',
    });
    expect(alert?.annotations).toMatchObject({
      runbook_url: 'https://runbooks.example.com/mcp/ServerDown',
      dashboard_url: 'https://dashboard.example.com/alerts/ServerDown',
      value: '0',
    });
    expect(alert?.fingerprint).toBe('ServerDown:get_forecast');
  });

  it('computes common labels over all alerts before truncating, firing first', () => {
    const payload = convertToAlertmanagerPayload(canonicalNotifications.groupOfThirty, { maxAlerts: 10 });
    expect(payload.alerts).toHaveLength(10);
    expect(payload.truncatedAlerts).toBe(20);
    expect(payload.commonLabels).toEqual({
      alertname: 'ServerDown',
      service: 'weather-mcp',
      severity: 'critical',
    });
    expect(payload.groupLabels).toEqual({ alertname: 'ServerDown', service: 'weather-mcp' });
    expect(payload.status).toBe('firing');
    expect(convertToAlertmanagerPayload(canonicalNotifications.groupOfThirty).truncatedAlerts).toBe(0);
  });

  it('passes markup and non-Latin text through untouched (JSON needs no escaping beyond its own)', () => {
    const markup = convertToAlertmanagerPayload(canonicalNotifications.markup);
    expect(markup.alerts[0]?.labels.tool).toBe('<b>&*_[]()~`>#+-=|{}.!');
    expect(markup.groupKey).toBe('{tool="<b>&*_[]()~`>#+-=|{}.!"}');
    const nonLatin = convertToAlertmanagerPayload(canonicalNotifications.nonLatin);
    expect(nonLatin.alerts[0]?.annotations.summary).toContain('🔥');
  });

  it('is stable: the same notification gives the same bytes (signatures can be reproduced)', () => {
    const once = JSON.stringify(
      convertToAlertmanagerPayload(canonicalNotifications.groupOfThirty, { now: 1 }),
    );
    expect(
      JSON.stringify(convertToAlertmanagerPayload(canonicalNotifications.groupOfThirty, { now: 1 })),
    ).toBe(once);
  });
});

describe('the v4 validator used by the test consumer', () => {
  const good = () =>
    structuredClone(convertToAlertmanagerPayload(canonicalNotifications.criticalFiring)) as unknown as Record<
      string,
      any
    >;
  it.each([
    ['version as a number', (p: Record<string, any>) => (p.version = 4)],
    ['a missing truncatedAlerts', (p: Record<string, any>) => delete p.truncatedAlerts],
    [
      'a firing alert with an endsAt',
      (p: Record<string, any>) => (p.alerts[0].endsAt = '2026-01-15T10:00:00Z'),
    ],
    ['a non-RFC 3339 startsAt', (p: Record<string, any>) => (p.alerts[0].startsAt = 1768469400000)],
    ['a number label value', (p: Record<string, any>) => (p.alerts[0].labels.tool = 1)],
    ['an unknown alert key', (p: Record<string, any>) => (p.alerts[0].value = 1)],
    ['a group resolved while an alert fires', (p: Record<string, any>) => (p.status = 'resolved')],
    ['commonLabels not shared', (p: Record<string, any>) => (p.commonLabels.tool = 'other')],
    ['no alertname', (p: Record<string, any>) => delete p.alerts[0].labels.alertname],
  ])('rejects %s', (_, mutate) => {
    const payload = good();
    mutate(payload);
    expect(validateAlertmanagerPayload(payload)).not.toEqual([]);
  });
});
