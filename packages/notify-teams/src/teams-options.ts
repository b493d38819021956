import { z } from 'zod';

/** The package name every error and reason starts with. */
export const packageName = '@mcp-o11y/notify-teams';

/** The payload formats the notifier can post. */
export type TeamsFormat = 'adaptivecard' | 'messagecard';

/** Default cap on the request body: Teams refuses messages over 28 KB; 28 000 is the stricter reading. */
export const defaultMaxPayloadBytes = 28_000;

/** Default time one attempt may take before it is abandoned as retryable. */
export const defaultTimeoutMs = 10_000;

/** Options of {@link createTeamsNotifier}, `teamsNotifier()` and the `notify-teams` config entry. */
export interface TeamsNotifierOptions {
  /**
   * The Power Automate Workflows webhook URL ("Post to a channel when a webhook request is received").
   * Its `sig` query parameter is the credential: the whole URL is treated as a secret and never appears
   * in a reason or a log. Default: env `TEAMS_WEBHOOK_URL`. Required one way or the other.
   */
  readonly webhookUrl?: string;
  /**
   * `adaptivecard` (default): the Workflows envelope with an Adaptive Card 1.4. `messagecard`: the
   * legacy Office 365 connector format, RETIRED — connectors are gone, and a Workflows URL answers 202
   * to a MessageCard while showing nothing. Only for old self-hosted relays that still expect it.
   */
  readonly format?: TeamsFormat;
  /** Notifier id, unique among the configured notifiers. Default `teams`. */
  readonly id?: string;
  /**
   * Upper bound on the UTF-8 bytes of the whole request body. Over it, trailing alerts are dropped
   * (with an "N more alerts" line), then long text is shortened. Default 28 000; at least 2 000.
   */
  readonly maxPayloadBytes?: number;
  /** Milliseconds one attempt may take (connect, send, response). Default 10 000. */
  readonly timeoutMs?: number;
  /** The `fetch` to use (tests, proxies). Default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
}

/** What the config file may hold: every option except `fetch`. Unknown keys are refused. */
export const teamsOptionsSchema = z.strictObject({
  webhookUrl: z.string().min(1).optional(),
  format: z.enum(['adaptivecard', 'messagecard']).optional(),
  id: z.string().min(1).optional(),
  maxPayloadBytes: z.number().int().min(2_000).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

/** Options after env and defaults are applied. */
export interface ResolvedTeamsOptions {
  readonly webhookUrl: URL;
  readonly format: TeamsFormat;
  readonly id: string;
  readonly maxPayloadBytes: number;
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
}

/**
 * Applies explicit option → env var → default, and validates. Throws an error starting with the package
 * name that never repeats the URL (it holds the signature).
 */
export function resolveTeamsOptions(
  options: TeamsNotifierOptions,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedTeamsOptions {
  const raw = options.webhookUrl ?? env.TEAMS_WEBHOOK_URL;
  if (raw === undefined || raw.trim() === '') {
    throw new Error(
      `[${packageName}] no webhook URL: set the \`webhookUrl\` option or TEAMS_WEBHOOK_URL to the URL of a ` +
        'Teams Workflows "Post to a channel when a webhook request is received" flow.',
    );
  }
  let webhookUrl: URL;
  try {
    webhookUrl = new URL(raw.trim());
  } catch {
    throw new Error(
      `[${packageName}] the webhook URL is not a valid URL; copy it again from the Workflows flow.`,
    );
  }
  if (webhookUrl.protocol !== 'https:' && webhookUrl.protocol !== 'http:') {
    throw new Error(`[${packageName}] the webhook URL must be https:// (got ${webhookUrl.protocol}).`);
  }
  const maxPayloadBytes = options.maxPayloadBytes ?? defaultMaxPayloadBytes;
  if (!Number.isInteger(maxPayloadBytes) || maxPayloadBytes < 2_000) {
    throw new Error(`[${packageName}] maxPayloadBytes must be an integer ≥ 2000 (got ${maxPayloadBytes}).`);
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new Error(
      `[${packageName}] timeoutMs must be a positive number of milliseconds (got ${timeoutMs}).`,
    );
  }
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  if (typeof fetchImplementation !== 'function') {
    throw new Error(`[${packageName}] no fetch available: pass the \`fetch\` option (Node ≥ 22 has one).`);
  }
  return {
    webhookUrl,
    format: options.format ?? 'adaptivecard',
    id: options.id ?? 'teams',
    maxPayloadBytes,
    timeoutMs,
    fetch: fetchImplementation,
  };
}
