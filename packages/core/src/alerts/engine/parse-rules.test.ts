import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-error.js';
import { renderTemplate, templateProblems } from './message-template.js';
import { parseRules } from './parse-rules.js';

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    parseRules(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected parseRules to refuse the rules');
}

describe('parseRules', () => {
  it('accepts file-form rules with string matchers and returns them typed', () => {
    const file = parseRules({
      rules: [
        {
          name: 'SearchErrors',
          condition: {
            kind: 'error_ratio',
            threshold: 0.05,
            matchers: ['gen_ai.tool.name="search"'],
            window: '5m',
          },
          for: '2m',
          severity: 'high',
          annotations: { summary: 'Errors of {{labels.gen_ai.tool.name}}: {{valuePercent}} %' },
        },
      ],
    });
    expect(file.rules[0]?.condition).toMatchObject({
      matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: 'search' }],
    });
    expect(file.defaultRules).toBe(true);
  });

  it('refuses each mistake with its field path', () => {
    const issues = issuesOf({
      rules: [
        {
          name: 'A',
          condition: { kind: 'metric', metric: 'proces.cpu.utilization', threshold: 1 },
          severity: 'high',
        },
        { name: 'B', condition: { kind: 'error_ratio', threshold: 0.1 }, for: '5x', severity: 'high' },
        {
          name: 'C',
          condition: { kind: 'latency', quantile: 'p95', threshold: 1 },
          severity: 'low',
          annotations: { summary: 'x {{ value + 1 }} {{nope}}' },
        },
        { name: 'D', condition: { kind: 'error_rate', threshold: 0.1 }, severity: 'high' },
        {
          name: 'E',
          condition: { kind: 'throughput', series: 'mcp.server.requests', threshold: 1 },
          severity: 'warning',
        },
        { name: 'F', condition: { kind: 'error_ratio', threshold: 0.1, window: '1h' }, severity: 'high' },
        { name: 'G', condition: { kind: 'slo_burn_rate', slo: 'latency-p90' }, severity: 'high' },
        {
          name: 'HighErrorRate',
          condition: { kind: 'error_ratio', threshold: 0.1, matchers: ['tool=~"("'] },
          severity: 'high',
        },
      ],
    });
    const byPath: Record<string, string> = {};
    for (const issue of issues) byPath[issue.path] = `${byPath[issue.path] ?? ''}${issue.message}; `;
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'rules[1].for',
        'rules[2].annotations.summary',
        'rules[3].condition.kind',
        'rules[4].condition.series',
        'rules[4].severity',
        'rules[7].condition.matchers[0]',
      ].sort(),
    );
    expect(byPath['rules[1].for']).toMatch(/duration/);
    expect(byPath['rules[2].annotations.summary']).toMatch(
      /invalid placeholder.*unknown variable \{\{nope\}\}/,
    );
  });

  it('names the unknown key itself in the path, at every level', () => {
    // Found by the reliability suite: the path stopped at the object holding the key (`rules[0]`).
    const issues = issuesOf(
      JSON.parse(
        '{"rules":[{"name":"A","condition":{"kind":"throughput","threshold":1,"tpyo":2},"severity":"low","tpyo":1}],"__proto__":[]}',
      ),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      '__proto__',
      'rules[0].condition.tpyo',
      'rules[0].tpyo',
    ]);
    expect(issues[0]?.message).toMatch(/^unknown key; expected one of: /);
  });

  it('reports cross-field mistakes once the shapes are right', () => {
    const issues = issuesOf({
      rules: [
        {
          name: 'A',
          condition: { kind: 'metric', metric: 'proces.cpu.utilization', threshold: 1 },
          severity: 'high',
        },
        { name: 'F', condition: { kind: 'error_ratio', threshold: 0.1, window: '1h' }, severity: 'high' },
        { name: 'G', condition: { kind: 'slo_burn_rate', slo: 'latency-p90' }, severity: 'high' },
        { name: 'HighErrorRate', condition: { kind: 'error_ratio', threshold: 0.1 }, severity: 'high' },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'rules[0].condition.metric',
      'rules[1].condition.window',
      'rules[2].condition.slo',
      'rules[3].name',
    ]);
    expect(issues[0]?.message).toMatch(/unknown metric "proces.cpu.utilization"/);
  });

  it('accepts custom metrics declared in the file', () => {
    expect(() =>
      parseRules({
        customMetrics: ['shop.orders'],
        rules: [
          { name: 'A', condition: { kind: 'metric', metric: 'shop.orders', threshold: 1 }, severity: 'low' },
        ],
      }),
    ).not.toThrow();
  });
});

describe('message templates', () => {
  it('renders variables and labels, and shows missing ones visibly', () => {
    const text = renderTemplate(
      '{{labels.gen_ai.tool.name}} at {{value}} > {{threshold}} {{labels.nope}} {{window}}',
      {
        labels: { 'gen_ai.tool.name': 'search' },
        variables: { value: 0.123456, threshold: 0.05 },
      },
    );
    expect(text).toBe('search at 0.1235 > 0.05 {{?labels.nope}} {{?window}}');
  });

  it('never evaluates anything', () => {
    expect(templateProblems('{{constructor.constructor("return process")()}}')).not.toEqual([]);
    expect(renderTemplate('{{ value }}', { labels: {}, variables: { value: '{{labels.x}}' } })).toBe(
      '{{labels.x}}',
    );
    expect(templateProblems('open {{value')).toEqual(['unbalanced {{ or }}']);
  });

  it('reads only labels the alert has: inherited members of a record are gaps, not text', () => {
    // Found by the reliability suite's template fuzzing: `{{labels.constructor}}` rendered `function Object() {…}`.
    expect(
      renderTemplate('{{labels.constructor}} {{labels.toString}} {{labels.__proto__}} {{labels.tool}}', {
        labels: { tool: 'search' },
        variables: {},
      }),
    ).toBe('{{?labels.constructor}} {{?labels.toString}} {{?labels.__proto__}} search');
    expect(renderTemplate('{{ constructor }}', { labels: {}, variables: {} })).toBe('{{?constructor}}');
    const own = JSON.parse('{"__proto__":"own value","constructor":"also own"}') as Record<string, string>;
    expect(
      renderTemplate('{{labels.__proto__}} {{labels.constructor}}', { labels: own, variables: {} }),
    ).toBe('own value also own');
  });
});
