import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.js';
import { fuzzRuns } from './fuzz-runs.js';
import {
  expectedRendering,
  HOSTILE_TEMPLATE,
  INJECTED_TOOL_NAMES,
  notificationsFromEngine,
} from './hostile-notifications.js';
import { hostileString, hugeString } from './hostile-values.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';

// Message templates rendered by a real AlertEngine with label values a hostile client chose: each value
// lands verbatim where its placeholder is (no second expansion, no `$&` replacement patterns, no inherited
// members for labels the alert lacks), and the rendering is no bigger than template plus values.

function summaryOf(notification: {
  alerts: readonly { labels: Record<string, string>; annotations: Record<string, string> }[];
}) {
  const [alert] = notification.alerts;
  if (alert === undefined) throw new Error('a notification without alerts');
  return {
    alert,
    summary: alert.annotations.summary ?? '',
    description: alert.annotations.description ?? '',
  };
}

describe('message templates with hostile label values', () => {
  it('renders every injected tool name verbatim, once per placeholder, through a real engine', async () => {
    const prototypes = snapshotPrototypes();
    const notifications = await notificationsFromEngine(INJECTED_TOOL_NAMES);
    expect(notifications).toHaveLength(INJECTED_TOOL_NAMES.length);
    for (const notification of notifications) {
      const { alert, summary, description } = summaryOf(notification);
      const tool = alert.labels['gen_ai.tool.name'] ?? '';
      expect(INJECTED_TOOL_NAMES).toContain(tool);
      expect(summary).toBe(expectedRendering(tool, 'tools/call', 'ToolFailing'));
      expect(description).toBe(tool.repeat(3));
    }
    expect(prototypeChanges(prototypes)).toEqual([]);
    recordSuiteResult({
      area: 'fuzz',
      scenario: `templates: ${INJECTED_TOOL_NAMES.length} injected label values through a real AlertEngine`,
      faults: INJECTED_TOOL_NAMES.length,
      note: 'values verbatim, no re-expansion, {{labels.constructor}} a visible gap',
    });
  });

  it('keeps the rendering exactly template plus values for fuzzed names, huge ones included', async () => {
    const prototypes = snapshotPrototypes();
    let values = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.oneof(
            { weight: 5, arbitrary: hostileString(6) },
            { weight: 1, arbitrary: hugeString(10_000, 200_000) },
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        async (tools) => {
          values += tools.length;
          const notifications = await notificationsFromEngine(tools);
          expect(notifications).toHaveLength(tools.length);
          for (const notification of notifications) {
            const { alert, summary } = summaryOf(notification);
            const tool = alert.labels['gen_ai.tool.name'] ?? '';
            expect(summary).toBe(expectedRendering(tool, 'tools/call', 'ToolFailing'));
            // Bounded by construction: the template's text plus one copy of each value it names.
            expect(summary.length).toBeLessThanOrEqual(
              HOSTILE_TEMPLATE.length + tool.length + 'tools/call'.length + 'ToolFailing'.length,
            );
          }
          expect(prototypeChanges(prototypes)).toEqual([]);
        },
      ),
      fuzzRuns(40, 600),
    );
    recordSuiteResult({
      area: 'fuzz',
      scenario: `templates: ${values} fuzzed label values (up to 200 000 characters)`,
      faults: values,
      note: 'rendering = template + values exactly',
    });
  });
});
