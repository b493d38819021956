import { describe, expect, it } from 'vitest';
import { decideNotification } from './notification-decision.js';
import { compileRouteTree, matchRoutes } from './route-tree.js';

describe('route tree', () => {
  const root = compileRouteTree(
    {
      notifiers: ['slack'],
      groupWait: '10s',
      routes: [
        {
          matchers: [{ name: 'severity', operator: '=', value: 'critical' }],
          notifiers: ['pager'],
          continue: true,
        },
        {
          matchers: [{ name: 'team', operator: '=~', value: 'db|infra' }],
          groupBy: ['team'],
          routes: [{ matchers: [{ name: 'env', operator: '=', value: 'prod' }], repeatInterval: '10m' }],
        },
      ],
    },
    ['slack', 'pager'],
  );

  it('matches depth first, continues only when asked, and inherits unset settings', () => {
    const routes = matchRoutes(root, { severity: 'critical', team: 'db', env: 'prod' });
    expect(
      routes.map((route) => [
        route.id,
        route.notifiers,
        route.groupBy,
        route.groupWaitMs,
        route.repeatIntervalMs,
      ]),
    ).toEqual([
      ['root.0', ['pager'], ['alertname'], 10_000, 4 * 3_600_000],
      ['root.1.0', ['slack'], ['team'], 10_000, 600_000],
    ]);
    expect(matchRoutes(root, { severity: 'low' }).map((route) => route.id)).toEqual(['root']);
  });

  it('refuses what amtool refuses', () => {
    expect(() => compileRouteTree({ matchers: [{ name: 'a', operator: '=', value: 'b' }] }, [])).toThrow(
      /root route/,
    );
    expect(() => compileRouteTree({ notifiers: ['nope'] }, ['slack'])).toThrow(/"nope"/);
    expect(() => compileRouteTree({ groupBy: ['a', 'a'] }, [])).toThrow(/duplicated label/);
    expect(() => compileRouteTree({ groupBy: ['...', 'a'] }, [])).toThrow(/wildcard/);
  });
});

describe('decideNotification', () => {
  const base = { sendResolved: true, now: 1_000_000, repeatIntervalMs: 60_000, allAcknowledged: false };
  it('follows Alertmanager: new alerts at once, resolves only for alerts the notifier was told about, repeats when due', () => {
    const entry = { firing: ['a'], resolved: [], sentAt: base.now - 1000 };
    expect(decideNotification(entry, { ...base, firing: ['a', 'b'], resolved: [] })).toMatchObject({
      send: true,
      reason: 'new alerts added',
    });
    expect(decideNotification(entry, { ...base, firing: ['a'], resolved: ['x'] })).toEqual({
      send: false,
      clearLog: false,
    });
    expect(decideNotification(entry, { ...base, firing: [], resolved: ['a'] })).toMatchObject({
      send: true,
      reason: 'all alerts resolved',
      resolved: ['a'],
    });
    expect(decideNotification(entry, { ...base, sendResolved: false, firing: [], resolved: ['a'] })).toEqual({
      send: false,
      clearLog: true,
    });
    expect(
      decideNotification({ ...entry, sentAt: base.now - 60_000 }, { ...base, firing: ['a'], resolved: [] }),
    ).toMatchObject({ reason: 'repeat interval elapsed' });
    expect(
      decideNotification(
        { ...entry, sentAt: base.now - 60_000 },
        { ...base, allAcknowledged: true, firing: ['a'], resolved: [] },
      ),
    ).toMatchObject({ send: false });
  });
});
