import { parseDocument } from 'yaml';
import { type ConfigIssue, configIssue } from './config-error.js';
import { locateJsonSyntaxError } from './locate-json-syntax-error.js';

/** The syntaxes a config file can be written in. */
export type ConfigFormat = 'yaml' | 'json';

/** The parsed tree, or the syntax errors with line and column. */
export type ParsedConfigText =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * `.json` is JSON; `.yaml`, `.yml` and anything else are YAML 1.2 (a superset of JSON), so a file named by
 * `MCP_O11Y_CONFIG` without an extension still loads.
 */
export function configFormatOf(path: string): ConfigFormat {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

/**
 * Parses config text. An empty YAML document (only comments) is `{}`. Error messages carry line and
 * column but never quote the source: the line may hold a secret.
 */
export function parseConfigText(text: string, format: ConfigFormat): ParsedConfigText {
  return format === 'json' ? parseJson(text) : parseYaml(text);
}

function parseJson(text: string): ParsedConfigText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const located = locateJsonSyntaxError(text);
    const where = located === undefined ? '' : ` at line ${located.line}, column ${located.column}`;
    return {
      ok: false,
      issues: [configIssue([], `JSON syntax error${where}: ${located?.message ?? 'invalid JSON'}`)],
    };
  }
}

function parseYaml(text: string): ParsedConfigText {
  // uniqueKeys: a key given twice is an error, not a silent "last one wins".
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const where = position === undefined ? '' : ` at line ${position.line}, column ${position.col}`;
      return configIssue([], `YAML syntax error${where}: ${describeYamlError(error.message)}`);
    });
    return { ok: false, issues };
  }
  try {
    // maxAliasCount guards against alias bombs ("billion laughs").
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) ?? {} };
  } catch (error) {
    const reason = error instanceof Error ? describeYamlError(error.message) : 'cannot convert the document';
    return { ok: false, issues: [configIssue([], `YAML error: ${reason}`)] };
  }
}

// yaml's messages end with a code frame of the offending line and sometimes quote a token; keep only the
// description so no file content (possibly a secret) reaches the error.
function describeYamlError(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '').replace(/: ".*"$/, '');
}
