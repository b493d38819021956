import type { NotificationAlertV1, NotificationV1, SeverityV1 } from '@mcp-o11y/core';

/** The names of the canonical fixtures; use them as snapshot names. */
export type CanonicalNotificationName =
  | 'lowFiring'
  | 'lowResolved'
  | 'mediumFiring'
  | 'mediumResolved'
  | 'highFiring'
  | 'highResolved'
  | 'criticalFiring'
  | 'criticalResolved'
  | 'groupOfThirty'
  | 'longText'
  | 'markup'
  | 'nonLatin';

// Fixed instants so snapshots never change with the clock: 2026-01-15 09:30:00 UTC and 20 minutes later.
const startsAt = Date.UTC(2026, 0, 15, 9, 30, 0);
const endsAt = startsAt + 20 * 60_000;
const service = 'weather-mcp';

const ruleBySeverity: Readonly<Record<SeverityV1, { name: string; summary: string; value: number }>> = {
  low: { name: 'ToolLatencyRising', summary: 'p95 latency of get_forecast rose to 1.2 s', value: 1.2 },
  medium: { name: 'HighErrorRate', summary: 'Error rate of get_forecast is 7.5 % over 5 min', value: 0.075 },
  high: { name: 'CircuitBreakerOpen', summary: 'Circuit breaker of weather-api is open', value: 2 },
  critical: { name: 'ServerDown', summary: 'No successful request for 5 min', value: 0 },
};

function alert(
  severity: SeverityV1,
  status: NotificationAlertV1['status'],
  overrides: Partial<NotificationAlertV1> = {},
): NotificationAlertV1 {
  const rule = ruleBySeverity[severity];
  return {
    fingerprint: `${rule.name}:get_forecast`,
    name: rule.name,
    severity,
    status,
    labels: { service, tool: 'get_forecast' },
    annotations: { summary: rule.summary, description: `${rule.name} on ${service} (tool get_forecast).` },
    value: rule.value,
    startsAt,
    ...(status === 'resolved' ? { endsAt } : {}),
    runbookUrl: `https://runbooks.example.com/mcp/${rule.name}`,
    dashboardUrl: `https://dashboard.example.com/alerts/${rule.name}`,
    ...overrides,
  };
}

function notification(
  alerts: readonly NotificationAlertV1[],
  overrides: Partial<NotificationV1> = {},
): NotificationV1 {
  const first = alerts[0]!;
  const status = alerts.some((each) => each.status === 'firing') ? 'firing' : 'resolved';
  return {
    groupKey: `{service="${service}",alertname="${first.name}"}`,
    status,
    severity: first.severity,
    title: `[${status.toUpperCase()}] ${first.name} on ${service}`,
    alerts,
    commonLabels: { service },
    service,
    ...overrides,
  };
}

const longDescription = Array.from(
  { length: 60 },
  (_, index) =>
    `Line ${index + 1}: get_forecast failed for region eu-west-${index % 3} with upstream status 503.`,
).join('\n');

const markupText = '<b>&*_[]()~`>#+-=|{}.!';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

/**
 * The notifications every notifier renders in its snapshot tests: each severity firing and resolved, a
 * group of thirty alerts (27 firing, 3 resolved), a long text (≈ 5 000 characters, over most chat limits) and one whose every
 * text field holds the characters chat markups treat specially (`<b>&*_[]()~\`>#+-=|{}.!`), and one in
 * Cyrillic, Chinese and Arabic with emoji (surrogate pairs and a ZWJ sequence) for byte-length limits. Frozen, with
 * fixed timestamps, so snapshots are stable.
 */
export const canonicalNotifications: Readonly<Record<CanonicalNotificationName, NotificationV1>> = deepFreeze(
  {
    lowFiring: notification([alert('low', 'firing')]),
    lowResolved: notification([alert('low', 'resolved')]),
    mediumFiring: notification([alert('medium', 'firing')]),
    mediumResolved: notification([alert('medium', 'resolved')]),
    highFiring: notification([alert('high', 'firing')]),
    highResolved: notification([alert('high', 'resolved')]),
    criticalFiring: notification([alert('critical', 'firing')]),
    criticalResolved: notification([alert('critical', 'resolved')]),
    groupOfThirty: notification(
      Array.from({ length: 30 }, (_, index) =>
        alert('critical', index < 27 ? 'firing' : 'resolved', {
          fingerprint: `ServerDown:tool_${String(index + 1).padStart(2, '0')}`,
          labels: { service, tool: `tool_${String(index + 1).padStart(2, '0')}` },
        }),
      ),
      { commonLabels: { service, alertname: 'ServerDown' } },
    ),
    longText: notification([
      alert('medium', 'firing', {
        annotations: { summary: `${'Very long summary. '.repeat(20)}`.trim(), description: longDescription },
      }),
    ]),
    markup: notification(
      [
        alert('medium', 'firing', {
          name: `Markup ${markupText}`,
          labels: { service, tool: markupText },
          annotations: { summary: `Summary ${markupText}`, description: `Description ${markupText}` },
        }),
      ],
      { title: `[FIRING] ${markupText}`, groupKey: `{tool="${markupText}"}` },
    ),
    nonLatin: notification([
      alert('high', 'firing', {
        name: 'ОшибкиИнструмента',
        labels: { service, tool: 'поиск_документов' },
        annotations: {
          summary: 'Доля ошибок 12 % 🔥 — 工具调用失败率过高 — نسبة الأخطاء مرتفعة',
          description:
            'Инструмент поиск_документов: 12 ошибок из 100 вызовов за 5 минут. 👩🏽‍💻 проверьте журнал.',
        },
      }),
    ]),
  },
);
