import { describe, expect, it } from 'vitest';
import { describeStatement, statementHash, statementPreview } from './describe-statement.js';
import { dialectOfSystem, normalizeStatement } from './normalize-statement.js';

describe('normalizeStatement', () => {
  it.each([
    [
      "SELECT * FROM users WHERE id = 42 AND name = 'O''Brien'",
      'SELECT * FROM users WHERE id = ? AND name = ?',
    ],
    ['select a from t where x in (1, 2, 3) and y = -5.5e3', 'select a from t where x in (?) and y = ?'],
    [
      "select a from t where z not in ('a','b') and w in ($1, $2, $3)",
      'select a from t where z not in (?) and w in (?)',
    ],
    ["INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z');", 'INSERT INTO t (a, b) VALUES (?, ?)'],
    ["SELECT $1::int, $$it's$$, $fn$ body 7 $fn$ FROM t1", 'SELECT $1::int, ?, ? FROM t1'],
    [
      "SELECT * FROM t2 WHERE c = E'it\\'s' AND b = B'0101' AND x = X'FF'",
      'SELECT * FROM t2 WHERE c = ? AND b = ? AND x = ?',
    ],
    [
      'SELECT "Order"."id" FROM "Order" WHERE "Order".total > 100',
      'SELECT "Order"."id" FROM "Order" WHERE "Order".total > ?',
    ],
    [
      'SELECT a FROM t -- id 42\nWHERE b = 0x1F /* secret 7 */ AND c = .5',
      'SELECT a FROM t WHERE b = ? AND c = ?',
    ],
    ['SELECT a - 1, b FROM t WHERE (x = -2 OR y=+3)', 'SELECT a - ?, b FROM t WHERE (x = ? OR y=?)'],
    ["UPDATE t SET a = 'x' WHERE s = 'never closed", 'UPDATE t SET a = ? WHERE s = ?'],
    ['  SELECT\n\t1 ;; ', 'SELECT ?'],
  ])('%s', (statement, expected) => {
    expect(normalizeStatement(statement)).toBe(expected);
  });

  it('reads MySQL: "…" is a string, a backslash escapes, # starts a comment; backticks stay identifiers', () => {
    const statement = "SELECT `name` FROM t WHERE a = \"bob\" AND b = 'it\\'s' # id 9";
    expect(normalizeStatement(statement, 'mysql')).toBe('SELECT `name` FROM t WHERE a = ? AND b = ?');
    expect(dialectOfSystem('mariadb')).toBe('mysql');
    expect(dialectOfSystem('postgresql')).toBe('standard');
    expect(dialectOfSystem(undefined)).toBe('standard');
  });

  // Property-style: each shape filled with many literal values gives one text and one hash, never holds a
  // value, and normalising twice changes nothing.
  const shapes: readonly ((value: string, number: number, count: number) => string)[] = [
    (value, number) => `SELECT * FROM accounts WHERE email = '${value}' AND balance > ${number}`,
    (value, number, count) =>
      `SELECT id FROM orders WHERE status IN (${Array.from({ length: count }, (_, i) => `'${value}${i}'`).join(', ')}) LIMIT ${number}`,
    (value, number, count) =>
      `INSERT INTO audit (who, amount) VALUES ${Array.from({ length: count }, () => `('${value}', ${number})`).join(', ')}`,
    (value, number) => `UPDATE users SET note = $$${value}$$, visits = visits + ${number} WHERE id = $1`,
    (value, number) =>
      `DELETE FROM sessions WHERE token = E'${value.replaceAll("'", "\\'")}' OR age > -${number}`,
  ];
  const values = ['alice@example.com', "O'Reilly", 'p@ss w0rd;--', 'ünïcödé 🙂', "x'); DROP TABLE users; --"];
  const quote = (value: string): string => value.replaceAll("'", "''");

  it.each(shapes.map((shape, index) => [index, shape] as const))(
    'shape %i: one hash for any values',
    (_, shape) => {
      const hashes = new Set<string>();
      for (const [index, value] of values.entries()) {
        for (const count of [1, 3, 17]) {
          const number = (index + 1) * 1234.5 * count;
          const statement = shape(quote(value), number, count);
          const normalized = normalizeStatement(statement);
          expect(normalizeStatement(normalized), statement).toBe(normalized);
          for (const literal of [value, quote(value), String(number), '1234']) {
            expect(normalized, statement).not.toContain(literal);
          }
          hashes.add(describeStatement(statement).hash);
        }
      }
      expect(hashes.size).toBe(1);
    },
  );
});

describe('describeStatement', () => {
  it('hashes the normalised text: 16 hex characters, equal for equal shapes, different otherwise', () => {
    const first = describeStatement("SELECT * FROM t WHERE id = 1 AND name = 'a'");
    const second = describeStatement("SELECT * FROM t WHERE id = 2 AND name = 'b'");
    const other = describeStatement("SELECT * FROM t WHERE id = 2 OR name = 'b'");
    expect(first.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(second.hash).toBe(first.hash);
    expect(other.hash).not.toBe(first.hash);
    expect(first.hash).toBe(statementHash(first.normalized));
    // Stable across processes and versions: a fixed input has a fixed hash.
    expect(statementHash('SELECT ?')).toBe('66cbb3a40d4bbd15');
  });

  it('caps the preview at maxLength characters with an ellipsis', () => {
    const long = `SELECT ${Array.from({ length: 200 }, (_, i) => `col_${i}`).join(', ')} FROM t WHERE a = 'secret'`;
    const preview = statementPreview(describeStatement(long), 64);
    expect(preview.length).toBeLessThanOrEqual(64);
    expect(preview.length).toBeGreaterThan(56);
    expect(preview.endsWith('…')).toBe(true);
    expect(preview).not.toContain('secret');
    expect(statementPreview(describeStatement('SELECT 1'), 64)).toBe('SELECT ?');
  });
});
