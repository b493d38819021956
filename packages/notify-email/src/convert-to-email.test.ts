import type { NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { buildSubject, convertToEmail, createMessageId, threadIdFor } from './convert-to-email.js';

const options = { messageIdDomain: 'example.com' };
const critical = canonicalNotifications.criticalFiring;
const alert = critical.alerts[0]!;

function withAlerts(
  alerts: NotificationV1['alerts'],
  overrides: Partial<NotificationV1> = {},
): NotificationV1 {
  return { ...critical, alerts, ...overrides };
}

describe('subject', () => {
  it('is [SEVERITY] service: rule for one alert', () => {
    expect(buildSubject(canonicalNotifications.mediumFiring)).toBe('[MEDIUM] weather-mcp: HighErrorRate');
  });

  it('is prefixed with [RESOLVED] once the group resolved', () => {
    expect(buildSubject(canonicalNotifications.criticalResolved)).toBe(
      '[RESOLVED] [CRITICAL] weather-mcp: ServerDown',
    );
  });

  it('names the first two rules and counts the rest for a mixed group', () => {
    const names = ['A', 'B', 'C', 'D'];
    const subject = buildSubject(withAlerts(names.map((name) => ({ ...alert, name, fingerprint: name }))));
    expect(subject).toBe('[CRITICAL] weather-mcp: A, B and 2 more (4 firing, 0 resolved)');
  });

  it('has no CR, LF or other control character and stays under 200 characters', () => {
    const subject = buildSubject(
      withAlerts([{ ...alert, name: `X\r\nBcc: a@b.c\u0000\u2028${'y'.repeat(500)}` }], {
        service: 'svc\nTo: x',
      }),
    );
    for (const character of ['\r', '\n', '\u0000', '\u2028']) expect(subject).not.toContain(character);
    expect(subject.startsWith('[CRITICAL] svc To: x: X Bcc: a@b.c y')).toBe(true);
    expect(subject.length).toBeLessThanOrEqual(200);
  });
});

describe('threading', () => {
  it('derives the thread id from the group key alone', () => {
    const firing = convertToEmail(canonicalNotifications.highFiring, options);
    const resolved = convertToEmail(canonicalNotifications.highResolved, options);
    expect(firing.threadId).toBe(resolved.threadId);
    expect(firing.threadId).toBe(threadIdFor(canonicalNotifications.highFiring.groupKey, 'example.com'));
    expect(firing.threadId).toMatch(/^<alert-group\.[0-9a-f]{32}@example\.com>$/);
    expect(convertToEmail(canonicalNotifications.lowFiring, options).threadId).not.toBe(firing.threadId);
  });

  it('makes a fresh Message-ID per send, and keeps ids free of header syntax', () => {
    const first = createMessageId(critical, 'example.com');
    expect(first).not.toBe(createMessageId(critical, 'example.com'));
    expect(first).toMatch(/^<alert\.[0-9a-f]{32}\.firing\.[0-9a-f-]{36}@example\.com>$/);
    expect(threadIdFor('k', 'exa>mple.com\r\nBcc: x')).toMatch(
      /^<alert-group\.[0-9a-f]{32}@example\.comBccx>$/,
    );
  });
});

describe('headers and body', () => {
  it('keeps every header value on one line', () => {
    const content = convertToEmail(
      withAlerts([{ ...alert, fingerprint: 'fp\r\nBcc: x' }], { service: 'svc\r\nBcc: y' }),
      options,
    );
    for (const value of [content.subject, ...Object.values(content.headers)])
      expect(value).not.toMatch(/[\r\n]/);
    expect(content.headers['X-Alert-Fingerprints']).toBe('fp Bcc: x');
  });

  it('caps the fingerprint header at 20 entries', () => {
    const content = convertToEmail(canonicalNotifications.groupOfThirty, options);
    expect(content.headers['X-Alert-Fingerprints']?.split(', ')).toHaveLength(21);
    expect(content.headers['X-Alert-Fingerprints']).toMatch(/\+10 more$/);
  });

  it('links only http(s) URLs and escapes everything else in the HTML part', () => {
    const content = convertToEmail(
      withAlerts([
        { ...alert, runbookUrl: 'javascript:alert(1)', dashboardUrl: 'https://d.example/?a=1&b="2"' },
      ]),
      options,
    );
    expect(content.html).not.toContain('href="javascript');
    expect(content.html).toContain('javascript:alert(1)');
    expect(content.html).toContain('<a href="https://d.example/?a=1&amp;b=%222%22">');
  });

  it('renders at most maxAlerts alerts and says how many more there are', () => {
    const content = convertToEmail(canonicalNotifications.groupOfThirty, { ...options, maxAlerts: 5 });
    expect(content.text.match(/^- ServerDown/gm)).toHaveLength(5);
    expect(content.text).toContain('… and 25 more alerts not shown.');
    expect(content.html).toContain('… and 25 more alerts not shown.');
  });

  it('clips long values, so a group with megabyte labels stays a mail an SMTP server accepts', () => {
    // Found by the reliability suite: 50 alerts with 1 MB labels rendered a mail of hundreds of megabytes.
    const huge = '<!channel>'.repeat(100_000);
    const alerts = Array.from({ length: 50 }, (_, index) => ({
      ...alert,
      fingerprint: `${index}${huge}`,
      name: huge,
      labels: { tool: huge },
      annotations: { summary: huge, description: huge, note: huge },
    }));
    const content = convertToEmail(withAlerts(alerts, { title: huge, groupKey: huge }), options);
    expect(content.text.length + content.html.length).toBeLessThan(16 * 1024 * 1024);
    expect(content.text).toContain(`Summary: ${'<!channel>'.repeat(799)}<!channel…`);
    expect(content.html).not.toContain('<!channel>');
    // Realistic text is untouched: the long canonical description is shown whole.
    const long = convertToEmail(canonicalNotifications.longText, options);
    expect(long.text).toContain('Line 60: get_forecast failed');
  });
});
