import { prometheusLabelName, promNumber, quote } from './prometheus-names.js';

/** Values known when the rule file is generated; `value` and labels stay live Prometheus template data. */
export interface StaticTemplateValues {
  readonly alertname: string;
  readonly severity: string;
  readonly threshold?: number;
  readonly window?: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}(\s?%)?/g;

/**
 * Converts a core message template (`{{labels.gen_ai.tool.name}}`, `{{value}}`, `{{valuePercent}} %`, ...)
 * into a Prometheus (Go) template: labels become `{{ $labels.gen_ai_tool_name }}`, the value
 * `{{ printf "%.4g" $value }}` (core's 4 significant digits), `{{valuePercent}} %` becomes
 * `{{ $value | humanizePercentage }}` (which prints its own `%`); the rule's name, severity, threshold and
 * window are known now and written as text. Text outside placeholders that Go templates would read as an
 * action (`{{`) cannot occur: core refuses unbalanced braces. Pure.
 */
export function convertTemplate(template: string, values: StaticTemplateValues): string {
  return template.replace(PLACEHOLDER, (_whole, path: string, percentSign: string | undefined) => {
    const tail = percentSign ?? '';
    // Like core's renderer, a value unknown here renders visibly; as a quoted string Go cannot misread it.
    const missing = `{{ ${quote(`{{?${path}}}`)} }}${tail}`;
    if (path.startsWith('labels.')) {
      return `{{ $labels.${prometheusLabelName(path.slice('labels.'.length))} }}${tail}`;
    }
    switch (path) {
      case 'value':
        return `{{ printf "%.4g" $value }}${tail}`;
      case 'valuePercent':
        return percentSign === undefined
          ? '{{ reReplaceAll "%" "" ($value | humanizePercentage) }}'
          : '{{ $value | humanizePercentage }}';
      case 'alertname':
        return literal(values.alertname) + tail;
      case 'severity':
        return literal(values.severity) + tail;
      case 'threshold':
        return values.threshold === undefined ? missing : literal(promNumber(values.threshold)) + tail;
      case 'thresholdPercent':
        return values.threshold === undefined ? missing : literal(promNumber(values.threshold * 100)) + tail;
      case 'window':
        return values.window === undefined ? missing : literal(values.window) + tail;
      default:
        return missing;
    }
  });
}

/** Generation-time text, with `{{` neutralised so Go's template parser reads it as text. */
function literal(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}
