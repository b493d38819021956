// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { UsageError } from '../cli-io.js';
import { BACKEND_TEMPLATES, type InitTemplate, NOTIFIER_TEMPLATES } from './init-templates.js';

/** What `init` writes. */
export interface InitChoices {
  /** Backend names (`prometheus`, `otlp`, ...); `[]` for the in-memory backend only. */
  readonly backends: readonly string[];
  /** Notifier names (`slack` or `notify-slack`, ...); `[]` for the console notifier. */
  readonly notifiers: readonly string[];
}

/** The rendered file and the variables it needs. */
export interface RenderedInitConfig {
  readonly yaml: string;
  /** Variables referenced without a default: `loadConfig` refuses the file until they are set. */
  readonly requiredEnv: readonly string[];
  /** Packages to install next to `@mcp-o11y/core`. */
  readonly packages: readonly string[];
}

/** Looks up `names` in `templates` (accepting `notify-x` for `x`). @throws {UsageError} naming the known ones. */
function pick(
  kind: string,
  names: readonly string[],
  templates: Readonly<Record<string, InitTemplate>>,
): InitTemplate[] {
  const picked: InitTemplate[] = [];
  for (const name of names) {
    const key = name.replace(/^notify-/, '');
    const template = templates[key] ?? templates[name];
    if (template === undefined) {
      throw new UsageError(
        `init: unknown ${kind} "${name}"; expected one of ${Object.keys(templates).join(', ')}`,
      );
    }
    if (!picked.includes(template)) picked.push(template);
  }
  return picked;
}

/**
 * The commented `mcp-o11y.config.yaml` for the chosen backends and notifiers: every adapter's main options
 * with `${ENV}` placeholders (secrets never written), the in-memory backend and the alert engine with the
 * default rule pack. Pure. @throws {UsageError} for an unknown backend or notifier.
 */
export function renderInitConfig(choices: InitChoices): RenderedInitConfig {
  const templates = [
    ...pick('backend', choices.backends, BACKEND_TEMPLATES),
    ...pick('notifier', choices.notifiers, NOTIFIER_TEMPLATES),
  ];
  const requiredEnv = [...new Set(templates.flatMap((template) => template.requiredEnv))];
  const packages = ['@mcp-o11y/core', ...templates.map((template) => `@mcp-o11y/${template.id}`)];
  const header = [
    '# yaml-language-server: $schema=./node_modules/@mcp-o11y/core/schema/mcp-o11y.config.schema.json',
    '# mcp-o11y configuration, written by `mcp-o11y init`. Check it with `mcp-o11y validate`.',
    '# String values may use ${VAR} and ${VAR:-default}; secrets belong in the environment, not here.',
    `# Install: pnpm add ${packages.join(' ')}`,
    ...(requiredEnv.length === 0 ? [] : [`# Set before starting: ${requiredEnv.join(', ')}`]),
    '',
    'service:',
    '  name: ${OTEL_SERVICE_NAME:-my-mcp-server}',
    '  environment: ${MCP_O11Y_ENVIRONMENT:-development}',
    '',
    '# The built-in in-memory backend feeds the alert engine, the dashboard and `mcp-o11y doctor`.',
    'memory:',
    '  retentionSeconds: 900',
    '',
    'logging:',
    '  level: ${MCP_O11Y_LOG_LEVEL:-info} # JSON lines on stderr; never stdout',
    '',
    'runtimeMetrics: true',
    '',
  ];
  const adapters =
    templates.length === 0
      ? [
          '# adapters: backends and notifiers, e.g. `mcp-o11y init --backends prometheus --notifiers slack`',
          '',
        ]
      : ['adapters:', ...templates.map((template) => template.yaml.trimEnd()), ''];
  const notifierIds = choices.notifiers.length === 0 ? 'the console (stderr)' : 'every notifier above';
  const alerts = [
    `# The in-process alert engine: the default rule pack (error rate, latency, ...), delivered to ${notifierIds}.`,
    'alerts:',
    '  defaultRules: true',
    '  evaluationInterval: 15s',
    '  # rules:',
    '  #   - name: SearchToolSlow',
    '  #     severity: high',
    '  #     for: 2m',
    '  #     condition:',
    '  #       kind: latency',
    '  #       quantile: p95',
    '  #       threshold: 2 # seconds',
    '  #       window: 5m',
    '  #       matchers: [\'gen_ai.tool.name="search"\']',
    '  # routing:',
    '  #   route:',
    '  #     groupBy: [alertname]',
    '  #     routes:',
    '  #       - matchers: [\'severity="critical"\']',
    '  #         repeatInterval: 5m',
    '',
  ];
  return { yaml: [...header, ...adapters, ...alerts].join('\n'), requiredEnv, packages };
}
