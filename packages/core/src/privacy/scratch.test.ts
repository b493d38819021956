import { redactText, redactValue } from './redact-value.js';
import { it } from "vitest"; it("x", () => {
const samples = [
  'Bearer abc.def.ghi', 'Bearer tokens are fine', 'Basic dXNlcjpwYXNz', 'Basic usage',
  'postgres://admin:s3cret@db:5432/x', 'https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com', 'ssh://git@github.com/x',
  'https://api.x.com/v1?token=abc123&page=2&key=AIzaXYZ&sig=zz', 'password=hunter2 user=bob', 'db_password: hunter2, ok',
  '{"password":"hunter2","n":1}', 'error: {"a":{"token":"t0k"}} end', 'x \\"api_key\\":\\"abc\\" y',
  'max_tokens=100 tokenCount=3', 'key=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_abc', 'sk-learn-preprocessing-pipeline', 'sk-proj-abc123def456ghi789jkl',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY----- after', 'AKIAABCDEFGHIJKLMNOP here', 'xoxb-1234-5678-abcdef',
  'Authorization: Bearer x\nCookie: a=b; c=d\nHost: x', 'time 12:30:00 ok', 'see https://example.com/a?b=c', '\\npassword=hunter2',
];
for (const s of samples) console.log(JSON.stringify(s), '=>', JSON.stringify(redactText(s)));
const cyc: any = { a: 1, headers: { Authorization: 'x', 'Set-Cookie': 'a' }, requiresAuth: true, nested: '{"client_secret":"zz"}' }; cyc.self = cyc;
console.log(redactValue(cyc));
console.log(redactValue({ d: new Date(0), m: new Map([['token', 'x']]), b: Buffer.from('abc'), e: new Error('token=abc', { cause: 'password=1' }), u: new URL('https://u:p@x.com/?token=1') }));
});
