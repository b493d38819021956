import { parseRules } from '../alerts/engine/parse-rules.js';
import { ConfigError, type ConfigIssue, configIssue } from './config-error.js';
import type { ConfigFile } from './config-file-schema.js';

/**
 * The checks of `alerts` that span fields (unique rule and SLO names, known metrics, declared SLOs,
 * windows within `memory.retentionSeconds`), run once the schema passed. Paths start at `alerts`.
 */
export function checkAlertsConfig(file: ConfigFile): readonly ConfigIssue[] {
  const alerts = file.alerts;
  if (alerts === undefined || alerts === false || alerts.mode === 'off') return [];
  const memory = file.memory;
  if (memory === false) {
    return [
      configIssue(
        ['alerts'],
        'the alert engine reads the in-memory backend, which memory: false turns off; turn memory on or set alerts: false',
      ),
    ];
  }
  try {
    parseRules(
      {
        rules: alerts.rules ?? [],
        slos: alerts.slos ?? [],
        defaultRules: alerts.defaultRules ?? true,
        customMetrics: alerts.customMetrics ?? [],
      },
      {
        maxWindowSeconds: memory?.retentionSeconds ?? 900,
        pathPrefix: ['alerts'],
      },
    );
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}
