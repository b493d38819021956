import { createHash } from 'node:crypto';
import { clipText } from '../text/clip-text.js';
import { normalizeStatement, type StatementDialect } from './normalize-statement.js';

/** Span attribute and log field with the statement hash; there is no semantic convention for one. */
export const STATEMENT_HASH_ATTRIBUTE = 'mcp_o11y.db.query.hash';

/** A statement reduced to what may leave the process. */
export interface DescribedStatement {
  /** The normalised text: literals replaced by `?` (see `normalizeStatement`). */
  readonly normalized: string;
  /** 16 hex characters of the SHA-256 of the normalised text: equal for equal query shapes. */
  readonly hash: string;
}

/** 16 lower-case hex characters of the SHA-256 of `normalized`, stable across processes and versions. */
export function statementHash(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex').slice(0, 16);
}

// Applications run a handful of query shapes over and over: normalising and hashing each once keeps the
// cost per call at a map lookup. Bounded in entries and key size so unique ad-hoc SQL cannot grow it.
const cacheEntries = 512;
const cacheableLength = 8192;
const cache = new Map<string, DescribedStatement>();

/** The normalised text and hash of `text`, from a small cache when it was seen before. */
export function describeStatement(text: string, dialect: StatementDialect = 'standard'): DescribedStatement {
  const key = dialect === 'standard' ? text : `${dialect}\u0000${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const normalized = normalizeStatement(text, dialect);
  const described: DescribedStatement = Object.freeze({ normalized, hash: statementHash(normalized) });
  if (text.length <= cacheableLength) {
    if (cache.size >= cacheEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, described);
  }
  return described;
}

/** The normalised text cut to `maxLength` characters, `…` included. */
export function statementPreview(described: DescribedStatement, maxLength: number): string {
  return clipText(described.normalized, maxLength);
}
