/**
 * The message template language: text with `{{ path }}` placeholders, nothing else. A path is a variable
 * name (`value`, `threshold`, ...) or `labels.<label name>` (the rest of the path, dots included, is the
 * label name). No conditions, loops, functions or escaping: a template cannot run code, and the notifier
 * escapes the rendered text for its channel.
 */

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^(?:[A-Za-z_][A-Za-z0-9_]*|labels\.[^\s{}]+)$/;

/** Root variables a template may use; `labels.*` besides. */
export const TEMPLATE_VARIABLES = [
  'alertname',
  'severity',
  'value',
  'threshold',
  'valuePercent',
  'thresholdPercent',
  'window',
] as const;

/** The values a template is rendered with. Numbers are shown with at most 4 significant digits. */
export interface TemplateData {
  readonly labels: Readonly<Record<string, string>>;
  readonly variables: Readonly<Partial<Record<(typeof TEMPLATE_VARIABLES)[number], string | number>>>;
}

/** Problems in a template (unclosed or empty placeholder, unknown variable), as messages. Pure. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const stripped = template.replace(PLACEHOLDER, (_whole, path: string) => {
    if (!PATH.test(path))
      problems.push(`invalid placeholder {{${path}}}: expected a variable or labels.<name>`);
    else if (!path.startsWith('labels.') && !(TEMPLATE_VARIABLES as readonly string[]).includes(path)) {
      problems.push(`unknown variable {{${path}}}; known: ${TEMPLATE_VARIABLES.join(', ')}, labels.<name>`);
    }
    return '';
  });
  if (stripped.includes('{{') || stripped.includes('}}')) problems.push('unbalanced {{ or }}');
  return problems;
}

/** Renders a template. A missing value renders as `{{?path}}` so the gap is visible, never as empty text. */
export function renderTemplate(template: string, data: TemplateData): string {
  return template.replace(PLACEHOLDER, (_whole, path: string) => {
    // Own properties only: `{{labels.constructor}}` on an alert without that label is a gap, not `Object`.
    const value = path.startsWith('labels.')
      ? ownValue(data.labels, path.slice('labels.'.length))
      : ownValue(data.variables, path);
    if (value === undefined) return `{{?${path}}}`;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

function ownValue(record: object, key: string): string | number | undefined {
  if (!Object.hasOwn(record, key)) return undefined;
  const value: unknown = (record as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** At most 4 significant digits, no exponent for everyday magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}
