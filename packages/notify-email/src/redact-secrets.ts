/**
 * Returns a function that replaces the SMTP password — as typed, URL-encoded, base64 (AUTH LOGIN) and
 * inside the AUTH PLAIN token — with `[REDACTED]`. A server or proxy that echoes a command back in its
 * error reply must not leak the password into results or logs.
 */
export function createSecretRedactor(
  username: string | undefined,
  password: string | undefined,
): (text: string) => string {
  if (password === undefined || password === '') return (text) => text;
  const forms = new Set([
    password,
    encodeURIComponent(password),
    Buffer.from(password).toString('base64'),
    Buffer.from(password).toString('base64').replace(/=+$/, ''),
    Buffer.from(`\u0000${username ?? ''}\u0000${password}`).toString('base64'),
    Buffer.from(`\u0000${username ?? ''}\u0000${password}`)
      .toString('base64')
      .replace(/=+$/, ''),
  ]);
  // Longest first, so a form that contains another is replaced whole.
  const ordered = [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((result, form) => result.split(form).join('[REDACTED]'), text);
}
