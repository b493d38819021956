import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether `given` equals `expected`, in time that depends on neither: both are hashed to SHA-256 first,
 * so `timingSafeEqual` always compares 32 bytes and a wrong length is not answered faster (comparing the
 * raw strings would have to return early on a length mismatch, telling an attacker the secret's length).
 * The one comparison every endpoint of the project uses for tokens, passwords and cookies.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
