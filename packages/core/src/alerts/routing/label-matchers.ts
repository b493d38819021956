import type { LabelMatcherV1 } from '../../spec/alerts/v1/label-matcher-v1.js';

/** A matcher with its regular expression compiled once. */
export interface CompiledMatcher {
  readonly name: string;
  readonly test: (value: string) => boolean;
  /** Set for `=` matchers: lets the evaluator look series up by label value instead of scanning. */
  readonly equals?: string;
}

const MATCHER_TEXT = /^\s*([^\s=!~"]+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/**
 * Parses `name="value"`, `name!="value"`, `name=~"regex"`, `name!~"regex"` (Alertmanager's matcher
 * syntax, value always quoted). Returns a message instead of throwing, for schema refinements.
 */
export function parseMatcher(text: string): LabelMatcherV1 | string {
  const match = MATCHER_TEXT.exec(text);
  if (match === null)
    return 'expected a matcher like name="value", name!="value", name=~"regex" or name!~"regex"';
  const [, name, operator, raw] = match as unknown as [string, string, LabelMatcherV1['operator'], string];
  const value = raw.replace(/\\(.)/g, '$1');
  const matcher: LabelMatcherV1 = { name, operator, value };
  const problem = matcherProblem(matcher);
  return problem ?? matcher;
}

/** Why a matcher cannot be compiled (an invalid regular expression), or undefined. */
export function matcherProblem(matcher: LabelMatcherV1): string | undefined {
  if (matcher.operator !== '=~' && matcher.operator !== '!~') return undefined;
  try {
    new RegExp(`^(?:${matcher.value})$`);
    return undefined;
  } catch {
    return `invalid regular expression in matcher on ${JSON.stringify(matcher.name)}`;
  }
}

/** Compiles matchers; regular expressions are anchored like Prometheus'. @throws SyntaxError on a bad regex. */
export function compileMatchers(matchers: readonly LabelMatcherV1[] | undefined): readonly CompiledMatcher[] {
  return (matchers ?? []).map(compileMatcher);
}

function compileMatcher(matcher: LabelMatcherV1): CompiledMatcher {
  const { name, value } = matcher;
  switch (matcher.operator) {
    case '=':
      return { name, equals: value, test: (actual) => actual === value };
    case '!=':
      return { name, test: (actual) => actual !== value };
    case '=~': {
      const pattern = new RegExp(`^(?:${value})$`);
      return { name, test: (actual) => pattern.test(actual) };
    }
    case '!~': {
      const pattern = new RegExp(`^(?:${value})$`);
      return { name, test: (actual) => !pattern.test(actual) };
    }
  }
}

/** Whether `labels` satisfy every matcher; a missing label is the empty string. */
export function matchesAll(
  matchers: readonly CompiledMatcher[],
  labels: Readonly<Record<string, string | number | boolean | null | unknown>>,
): boolean {
  for (const matcher of matchers) {
    const value = labels[matcher.name];
    if (!matcher.test(value === undefined || value === null ? '' : String(value))) return false;
  }
  return true;
}

/** Renders a matcher in the text form, for messages and the dashboard. */
export function formatMatcher(matcher: LabelMatcherV1): string {
  return `${matcher.name}${matcher.operator}${JSON.stringify(matcher.value)}`;
}
