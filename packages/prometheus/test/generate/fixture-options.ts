import type { PrometheusRulesOptions } from '../../src/generate/generate-prometheus-rules.js';

/** Generator options of the rule file (`mcp-o11y-rules.yml`) the committed promtool unit tests in fixtures/ load. */
export const FIXTURE_RULES_OPTIONS: PrometheusRulesOptions = {
  memoryLimitBytes: 1_000_000_000,
  runbookUrl: (runbook) => `https://runbooks.example/mcp/${runbook}`,
};
