/**
 * How quoted text is read. `standard` is SQL as PostgreSQL, SQLite, SQL Server and Oracle read it:
 * `"…"` is an identifier, a backslash is an ordinary character (except in `E'…'`). `mysql` is MySQL and
 * MariaDB in their default mode: `"…"` is a string, a backslash escapes, `#` starts a comment.
 */
export type StatementDialect = 'standard' | 'mysql';

/** The dialect of an OpenTelemetry `db.system.name` (or legacy `db.system`) value. */
export function dialectOfSystem(system: unknown): StatementDialect {
  return system === 'mysql' || system === 'mariadb' ? 'mysql' : 'standard';
}

const wordCharacter = /[\p{L}\p{N}_$]/u;
const numberLiteral = /^(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/;
const dollarTag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;
// A string prefix glued to its quote: E'…' (escapes), N'…' (national), B'…' / X'…' (bit and hex strings).
const stringPrefix = /(?:^|[^\p{L}\p{N}_$])([EeNnBbXx])$/u;
// Operators and openers after which `-1` is a negative literal, not a subtraction.
const signContext =
  /(?:^|[(,=<>+\-*/%]|\b(?:AND|OR|NOT|WHEN|THEN|ELSE|SELECT|RETURN|IS|LIKE|BETWEEN))\s*[-+]$/i;
const placeholder = String.raw`(?:\?|\$\d+|:\w+|@\w+)`;
const placeholderList = new RegExp(
  String.raw`\b(IN)\s*\(\s*${placeholder}(?:\s*,\s*${placeholder})*\s*\)`,
  'gi',
);
const valuesRows = /\b(VALUES)\s*(\([^()]*\))(?:\s*,\s*\([^()]*\))+/gi;

/**
 * The statement with every literal replaced by `?`: quoted strings (with their `E`/`N`/`B`/`X` prefix),
 * dollar-quoted bodies, numbers (a leading sign included where it is one), comments removed, runs of
 * whitespace folded, `IN (…)` lists of literals or placeholders collapsed to `IN (?)` and multi-row
 * `VALUES` to their first row, trailing `;` dropped. Identifiers (`t1`, `"Order"`, `` `col` ``) and
 * placeholders (`$1`, `?`, `:name`) stay, so one query shape gives one text and one hash whatever its
 * values or list lengths. Idempotent. An unterminated string or comment swallows the rest of the text:
 * when unsure, drop rather than leak.
 */
export function normalizeStatement(text: string, dialect: StatementDialect = 'standard'): string {
  const mysql = dialect === 'mysql';
  let out = '';
  let index = 0;
  const length = text.length;
  while (index < length) {
    const character = text[index] as string;
    const next = text[index + 1];
    if ((character === '-' && next === '-') || (mysql && character === '#')) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? length : end;
      out = withSpace(out);
    } else if (character === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? length : end + 2;
      out = withSpace(out);
    } else if (character === "'") {
      const prefix = stringPrefix.exec(out)?.[1];
      if (prefix !== undefined) out = out.slice(0, -1);
      const escapes = mysql || prefix === 'E' || prefix === 'e';
      index = endOfQuoted(text, index, "'", escapes);
      out += '?';
    } else if (character === '"' || character === '`') {
      const end = endOfQuoted(text, index, character, mysql && character === '"');
      if (mysql && character === '"') out += '?';
      else out += text.slice(index, end);
      index = end;
    } else if (character === '$' && next !== undefined && next >= '0' && next <= '9') {
      // A positional parameter ($1): part of the query's shape, not a value.
      let end = index + 1;
      while (end < length && (text[end] as string) >= '0' && (text[end] as string) <= '9') end += 1;
      out += text.slice(index, end);
      index = end;
    } else if (character === '$' && !endsWithWord(out) && dollarTag.test(text.slice(index, index + 64))) {
      const tag = (dollarTag.exec(text.slice(index, index + 64)) as RegExpExecArray)[0];
      const end = text.indexOf(tag, index + tag.length);
      index = end === -1 ? length : end + tag.length;
      out += '?';
    } else if (isWordStart(character)) {
      let end = index + 1;
      while (end < length && wordCharacter.test(text[end] as string)) end += 1;
      out += text.slice(index, end);
      index = end;
    } else if (numberLiteral.test(text.slice(index, index + 2)) && !endsWithWord(out)) {
      const literal = (numberLiteral.exec(text.slice(index)) as RegExpExecArray)[0];
      // `= -1` and `= 1` are one shape; `a - 1` keeps its operator.
      if (signContext.test(out)) out = out.slice(0, -1);
      out += '?';
      index += literal.length;
    } else if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      out = withSpace(out);
      index += 1;
    } else {
      out += character;
      index += 1;
    }
  }
  return out
    .replace(placeholderList, '$1 (?)')
    .replace(valuesRows, '$1 $2')
    .trim()
    .replace(/(?:\s*;)+$/, '');
}

/** Index just past the closing quote (a doubled quote is an escaped one), or the text's end. */
function endOfQuoted(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  let index = start + 1;
  while (index < text.length) {
    const character = text[index];
    if (backslashEscapes && character === '\\') {
      index += 2;
    } else if (character === quote) {
      if (text[index + 1] !== quote) return index + 1;
      index += 2;
    } else {
      index += 1;
    }
  }
  return text.length;
}

function withSpace(out: string): string {
  return out === '' || out.endsWith(' ') ? out : `${out} `;
}

function endsWithWord(out: string): boolean {
  const last = out.at(-1);
  return last !== undefined && wordCharacter.test(last);
}

/** A letter or `_` starts an identifier or keyword; digits and `$` only continue one (`t1`, `a$b`). */
function isWordStart(character: string): boolean {
  return character !== '$' && (character < '0' || character > '9') && wordCharacter.test(character);
}
