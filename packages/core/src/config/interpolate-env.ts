// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { type ConfigIssue, configIssue } from './config-error.js';
import { formatConfigPath, pathKey } from './format-config-path.js';

/** What `interpolateEnv` produces. */
export interface InterpolationResult {
  /** A copy of the tree with every `${...}` replaced; the input is never modified. */
  readonly value: unknown;
  /** One issue per missing variable or malformed reference. Names variables, never their values. */
  readonly issues: readonly ConfigIssue[];
  /** `pathKey`s of the strings that contained at least one reference: only these may be coerced later. */
  readonly interpolated: ReadonlySet<string>;
  /** Field paths (`formatConfigPath`) whose interpolation failed, so later checks do not report them twice. */
  readonly failed: ReadonlySet<string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of a parsed tree (keys are left alone).
 * It runs after YAML/JSON parsing, so a variable's value is always one string and can never add structure
 * to the file. Semantics follow the shell: `:-` uses the default when the variable is unset or empty;
 * `${VAR}` set to `''` gives `''`; `$${` is a literal `${`. Defaults cannot contain `}` or nest.
 */
export function interpolateEnv(
  tree: unknown,
  env: Readonly<Record<string, string | undefined>>,
): InterpolationResult {
  const issues: ConfigIssue[] = [];
  const interpolated = new Set<string>();
  const failed = new Set<string>();

  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') {
      const result = interpolateString(node, env);
      if (result.referenced) interpolated.add(pathKey(path));
      if (result.problems.length > 0) {
        failed.add(formatConfigPath(path));
        for (const problem of result.problems) issues.push(configIssue(path, problem));
      }
      return result.value;
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (isPlainObject(node)) {
      // fromEntries defines own properties, so a `__proto__` key stays a key (and is reported as unknown).
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, visit(value, [...path, key])]),
      );
    }
    return node;
  };

  return { value: visit(tree, []), issues, interpolated, failed };
}

interface StringResult {
  readonly value: string;
  readonly referenced: boolean;
  readonly problems: readonly string[];
}

function interpolateString(text: string, env: Readonly<Record<string, string | undefined>>): StringResult {
  if (!text.includes('${')) return { value: text, referenced: false, problems: [] };
  let value = '';
  let referenced = false;
  const problems: string[] = [];
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index)) {
      value += '${';
      index += 3;
      continue;
    }
    if (!text.startsWith('${', index)) {
      value += text[index];
      index += 1;
      continue;
    }
    const close = text.indexOf('}', index + 2);
    if (close === -1) {
      // The expression text is not quoted back: it is file content, but keep messages value-free anyway.
      problems.push('unterminated ${ (close it with }, or write $${ for a literal ${)');
      break;
    }
    const expression = text.slice(index + 2, close);
    index = close + 1;
    referenced = true;
    const separator = expression.indexOf(':-');
    const name = separator === -1 ? expression : expression.slice(0, separator);
    if (!NAME.test(name)) {
      problems.push('invalid variable reference: expected ${NAME} or ${NAME:-default} (letters, digits, _)');
      continue;
    }
    const variable = Object.hasOwn(env, name) ? env[name] : undefined;
    if (separator !== -1) {
      value += variable === undefined || variable === '' ? expression.slice(separator + 2) : variable;
    } else if (variable === undefined) {
      problems.push(
        `environment variable ${name} is not set; set it, or give a default with \${${name}:-value}`,
      );
    } else {
      value += variable;
    }
  }
  return { value, referenced, problems };
}

/** True for `{}`-like objects (what YAML and JSON produce), false for arrays, null, dates and class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
