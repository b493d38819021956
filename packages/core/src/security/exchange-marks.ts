import type { AuthIdentity } from './auth-identity.js';

// One exchange is recorded once, however many observers see it: the user's middleware or fetch wrapper
// and the transport hook inside it both get the same request and response objects. The outermost
// observer marks them; inner ones then only contribute what they know (who the caller is).
const markedExchanges = new WeakSet<object>();
const identities = new WeakMap<object, AuthIdentity>();

/** Marks `exchange` (a Node response or a web Request) as observed; false when it already was. */
export function markExchange(exchange: object): boolean {
  if (markedExchanges.has(exchange)) return false;
  markedExchanges.add(exchange);
  return true;
}

/** Tells the observer of `request` who the verified caller is (the auth info a transport was handed). */
export function noteIdentity(request: object, identity: AuthIdentity | undefined): void {
  if (identity !== undefined) identities.set(request, identity);
}

/** The caller noted for `request`, if any. */
export function notedIdentity(request: object): AuthIdentity | undefined {
  return identities.get(request);
}
