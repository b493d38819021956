/** A value {@link toYaml} can write: JSON data. */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Block-style YAML for configuration files (Prometheus rules, Alertmanager, Grafana provisioning). Strings
 * are always double-quoted with JSON escapes (a subset of YAML's double-quoted style), so no value is ever
 * re-typed (`"on"`, `"1e3"`, `"null"` stay strings) and no PromQL or template text needs care. `undefined`
 * members are left out. Pure.
 */
export function toYaml(value: YamlValue, header?: string): string {
  const lines: string[] = header === undefined ? [] : header.split('\n').map((line) => `# ${line}`);
  writeValue(value, 0, lines, undefined);
  return `${lines.join('\n')}\n`;
}

function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`[@mcp-o11y/prometheus] cannot write ${String(value)} to YAML.`);
  }
  return String(value);
}

function key(name: string): string {
  return PLAIN_KEY.test(name) ? name : JSON.stringify(name);
}

function isScalar(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function isEmpty(value: YamlValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** Writes `value` at `indent`; `prefix` is the text that opens its first line (`key:` or `- `). */
function writeValue(value: YamlValue, indent: number, lines: string[], prefix: string | undefined): void {
  const pad = ' '.repeat(indent);
  if (isScalar(value) || isEmpty(value)) {
    const text = isScalar(value) ? scalar(value) : Array.isArray(value) ? '[]' : '{}';
    lines.push(prefix === undefined ? `${pad}${text}` : `${prefix} ${text}`);
    return;
  }
  if (prefix !== undefined) lines.push(prefix);
  if (Array.isArray(value)) {
    for (const item of value as readonly YamlValue[]) {
      if (item === undefined) continue;
      if (isScalar(item) || isEmpty(item) || Array.isArray(item)) {
        writeValue(item, indent + 2, lines, `${pad}-`);
        continue;
      }
      // A mapping inside a list: its first key shares the dash's line.
      const start = lines.length;
      writeValue(item, indent + 2, lines, undefined);
      lines[start] = `${pad}- ${lines[start]?.slice(indent + 2) ?? ''}`;
    }
    return;
  }
  for (const [name, member] of Object.entries(value as { readonly [key: string]: YamlValue })) {
    if (member === undefined) continue;
    writeValue(member, indent + 2, lines, `${pad}${key(name)}:`);
  }
}
