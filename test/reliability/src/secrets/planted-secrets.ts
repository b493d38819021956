import { randomBytes } from 'node:crypto';

/** One planted secret: a value distinctive enough that any occurrence is a leak. */
export interface PlantedSecret {
  /** What it is, for the report (never the value). */
  readonly name: string;
  readonly value: string;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const alnum = (length: number) =>
  randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);

/** Fresh secrets for one run: none of them can already be in the code, a fixture or a log. */
export function plantSecrets() {
  return {
    sentryKey: hex(16),
    postgresPassword: `pg-${alnum(20)}`,
    slackToken: alnum(24),
    teamsSignature: alnum(43),
    telegramToken: `${100_000_000 + Math.floor(Math.random() * 899_999_999)}:AA${alnum(33)}`,
    webhookPathToken: alnum(32),
    webhookBearer: `whb_${alnum(30)}`,
    webhookSigningSecret: `whs_${alnum(30)}`,
    smtpPassword: `smtp-${alnum(20)}`,
    bearerToken: `tok_${alnum(32)}`,
    apiKey: `ak_${alnum(32)}`,
    otlpApiKey: `otlp-${alnum(28)}`,
    jaegerPassword: `jg-${alnum(22)}`,
    azureKey: [hex(4), hex(2), `4${hex(2).slice(1)}`, `8${hex(2).slice(1)}`, hex(6)].join('-'),
    metricsToken: `mt_${alnum(28)}`,
    dashboardToken: `db_${alnum(28)}`,
    healthPassword: `hp_${alnum(24)}`,
  };
}

export type Secrets = ReturnType<typeof plantSecrets>;

/**
 * Base64 of `secret` as it appears inside a longer base64 text: one string per alignment (0, 1 or 2 bytes
 * before it), cut to the characters that depend on the secret alone.
 */
function base64Forms(secret: string, alphabet: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [0, 1, 2].flatMap((before) => {
    const encoded = Buffer.concat([Buffer.alloc(before), bytes]).toString(alphabet);
    const start = before === 0 ? 0 : 4;
    const end = Math.floor((before + bytes.length) / 3) * 4;
    const form = encoded.slice(start, end);
    return form.length >= 12 ? [form] : [];
  });
}

/** Every form a secret is looked for in: as is, URL-encoded, base64 and base64url (each alignment). */
export function formsOf(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      ...base64Forms(secret, 'base64'),
      ...base64Forms(secret, 'base64url'),
    ]),
  ];
}

/** One occurrence of a planted secret. */
export interface SecretHit {
  readonly secret: string;
  readonly where: string;
  readonly form: 'as is' | 'URL-encoded' | 'base64';
  /** A little context around the hit, with the secret itself masked. */
  readonly context: string;
}

/** Something that left the process or was shown to someone, to scan. */
export interface ScannedText {
  readonly where: string;
  readonly text: string | Buffer;
  /** Secret names this place may legitimately hold (the backend's own credential in its auth header). */
  readonly allowed?: readonly string[];
}

/** Finds every planted secret, in every form, in every scanned text. Pure. */
export function scanForSecrets(
  texts: readonly ScannedText[],
  secrets: Readonly<Record<string, string>>,
): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const scanned of texts) {
    const haystack = Buffer.isBuffer(scanned.text) ? scanned.text.toString('latin1') : scanned.text;
    for (const [name, value] of Object.entries(secrets)) {
      if (scanned.allowed?.includes(name)) continue;
      for (const form of formsOf(value)) {
        const needle = Buffer.isBuffer(scanned.text) ? Buffer.from(form, 'utf8').toString('latin1') : form;
        const index = haystack.indexOf(needle);
        if (index < 0) continue;
        const context = haystack
          .slice(Math.max(0, index - 60), index + needle.length + 60)
          .replace(needle, `<${name}>`);
        hits.push({
          secret: name,
          where: scanned.where,
          form: form === value ? 'as is' : form === encodeURIComponent(value) ? 'URL-encoded' : 'base64',
          context,
        });
        break;
      }
    }
  }
  return hits;
}
