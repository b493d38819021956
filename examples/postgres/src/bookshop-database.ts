import type pg from 'pg';

/** `integration.name` of the database: the integration span is `postgres search_books`. */
export const DATABASE_NAME = 'postgres';

/**
 * The search the tool runs. The literals (`'available'`, `0`, `10`) are part of the query on purpose:
 * they show what `statements.record` normalises away. The reader's text is a bound parameter ($1), so it
 * never appears in the statement at all.
 */
export const SEARCH_BOOKS = `SELECT title, author, year FROM books
  WHERE status = 'available' AND stock > 0 AND (title ILIKE $1 OR author ILIKE $1)
  ORDER BY year DESC LIMIT 10`;

const CREATE_SCHEMA = `CREATE TABLE IF NOT EXISTS books (
  id serial PRIMARY KEY,
  title text NOT NULL,
  author text NOT NULL,
  year integer NOT NULL,
  stock integer NOT NULL,
  status text NOT NULL
)`;

const SEED: readonly (readonly [string, string, number, number, string])[] = [
  ['The Left Hand of Darkness', 'Ursula K. Le Guin', 1969, 3, 'available'],
  ['The Dispossessed', 'Ursula K. Le Guin', 1974, 0, 'available'],
  ['A Wizard of Earthsea', 'Ursula K. Le Guin', 1968, 5, 'available'],
  ['Kindred', 'Octavia E. Butler', 1979, 2, 'available'],
  ['Parable of the Sower', 'Octavia E. Butler', 1993, 4, 'withdrawn'],
  ['Solaris', 'Stanisław Lem', 1961, 1, 'available'],
  ['Roadside Picnic', 'Arkady and Boris Strugatsky', 1972, 6, 'available'],
];

/** A book as the tool returns it. */
export interface Book {
  readonly title: string;
  readonly author: string;
  readonly year: number;
}

/** Creates the `books` table and, when it is empty, fills it with a few classics. Idempotent. */
export async function prepareBookshop(pool: pg.Pool): Promise<void> {
  await pool.query(CREATE_SCHEMA);
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) AS count FROM books');
  if (rows[0]?.count !== '0') return;
  for (const book of SEED) {
    await pool.query('INSERT INTO books (title, author, year, stock, status) VALUES ($1, $2, $3, $4, $5)', [
      ...book,
    ]);
  }
}
