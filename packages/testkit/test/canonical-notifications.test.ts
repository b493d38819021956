import { describe, expect, it } from 'vitest';
import { canonicalNotifications } from '../src/index.js';

const all = Object.values(canonicalNotifications);

describe('canonicalNotifications', () => {
  it('covers each severity firing and resolved', () => {
    for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
      for (const status of ['firing', 'resolved'] as const) {
        expect(all.some((each) => each.severity === severity && each.status === status)).toBe(true);
      }
    }
  });

  it('is internally consistent: firing first, resolved alerts have endsAt, group status follows its alerts', () => {
    for (const notification of all) {
      expect(notification.alerts.length).toBeGreaterThan(0);
      const firing = notification.alerts.filter((alert) => alert.status === 'firing');
      expect(notification.alerts.slice(0, firing.length)).toEqual(firing);
      expect(notification.status).toBe(firing.length > 0 ? 'firing' : 'resolved');
      for (const alert of notification.alerts) {
        expect(alert.endsAt === undefined).toBe(alert.status === 'firing');
      }
    }
  });

  it('holds a long text past common chat limits and every markup character in every text field', () => {
    const longText = JSON.stringify(canonicalNotifications.longText);
    expect(longText.length).toBeGreaterThan(4_096);
    const { markup } = canonicalNotifications;
    const alert = markup.alerts[0]!;
    for (const text of [
      markup.title,
      markup.groupKey,
      alert.name,
      alert.labels.tool,
      alert.annotations.summary,
    ]) {
      expect(text).toContain('<b>&*_[]()~`>#+-=|{}.!');
    }
  });

  it('is frozen, so one test cannot change another test’s fixture', () => {
    expect(Object.isFrozen(canonicalNotifications.criticalFiring.alerts[0]?.labels)).toBe(true);
    expect(() => {
      (canonicalNotifications.lowFiring as { title: string }).title = 'changed';
    }).toThrow(TypeError);
  });

  it('has fixed timestamps', () => {
    expect(canonicalNotifications.criticalResolved.alerts[0]).toMatchObject({
      startsAt: Date.UTC(2026, 0, 15, 9, 30),
      endsAt: Date.UTC(2026, 0, 15, 9, 50),
    });
  });
});
