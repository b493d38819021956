/**
 * One label matcher, Alertmanager style. In files it may also be written as a string:
 * `tool="search"`, `tool!="search"`, `method=~"tools/.*"`, `method!~"ping|initialize"`.
 */
export interface LabelMatcherV1 {
  /** The label name, e.g. `gen_ai.tool.name`, `mcp.method.name`, `severity`. */
  readonly name: string;
  /**
   * `=` equal, `!=` not equal, `=~` matches the regular expression, `!~` does not. Regular expressions are
   * anchored at both ends (as in Prometheus). A missing label matches as the empty string.
   */
  readonly operator: '=' | '!=' | '=~' | '!~';
  /** The value or (for `=~` / `!~`) the regular expression source. */
  readonly value: string;
}
