import { z } from 'zod';

const packageName = '@mcp-o11y/notify-slack';

/** Options of {@link createSlackNotifier}, `slackNotifier()` and the `notify-slack` config entry. */
export interface SlackNotifierOptions {
  /** Notifier id, unique among the configured notifiers. Default `slack`. */
  readonly id?: string;
  /**
   * Incoming webhook URL (`https://hooks.slack.com/services/T…/B…/…`). Env `SLACK_WEBHOOK_URL`. A secret:
   * it never appears in a reason or log. Give either this or {@link token}.
   */
  readonly webhookUrl?: string;
  /**
   * Bot token (`xoxb-…`, scope `chat:write`) for `chat.postMessage`, which lets a resolve reply in the
   * firing message's thread. Env `SLACK_BOT_TOKEN`. Needs {@link channel}. A secret.
   */
  readonly token?: string;
  /** Channel id (`C0123456789`) or name (`#alerts`) for the bot token mode. Env `SLACK_CHANNEL`. */
  readonly channel?: string;
  /** Web API base URL for the bot token mode. Default `https://slack.com/api`. */
  readonly apiUrl?: string;
  /** Per-attempt timeout in milliseconds; core's delivery pipeline retries. Default 10 000. */
  readonly timeoutMs?: number;
  /**
   * Alerts rendered per message (1–40); the rest are summed up in a visible "… N more alerts" line so a
   * message stays well inside Slack's 50-block limit. Default 20.
   */
  readonly maxAlerts?: number;
  /** Bot token mode: also show the threaded resolve in the channel (`reply_broadcast`). Default false. */
  readonly replyBroadcast?: boolean;
  /** Bot token mode: how many open groups remember their firing message's `ts`. Default 1 000. */
  readonly threadCapacity?: number;
  /** The `fetch` to use (proxies, tests). Default `globalThis.fetch`. Not available in config files. */
  readonly fetch?: typeof globalThis.fetch;
}

/** The config-file form of {@link SlackNotifierOptions}: strict, so a misspelt key is reported. */
export const slackNotifierOptionsSchema = z.strictObject({
  id: z.string().min(1).optional(),
  webhookUrl: z.string().optional(),
  token: z.string().optional(),
  channel: z.string().optional(),
  apiUrl: z.string().optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxAlerts: z.number().int().min(1).max(40).optional(),
  replyBroadcast: z.boolean().optional(),
  threadCapacity: z.number().int().positive().optional(),
});

/** Where messages go: an incoming webhook, or `chat.postMessage` with a bot token. */
export type SlackDestination =
  | { readonly mode: 'webhook'; readonly url: string }
  | {
      readonly mode: 'bot';
      readonly token: string;
      readonly channel: string;
      readonly postMessageUrl: string;
    };

/** Options after explicit values, env and defaults were merged and checked. */
export interface ResolvedSlackOptions {
  readonly id: string;
  readonly destination: SlackDestination;
  readonly timeoutMs: number;
  readonly maxAlerts: number;
  readonly replyBroadcast: boolean;
  readonly threadCapacity: number;
  readonly fetch: typeof globalThis.fetch;
  /** Everything that must never appear in a reason or log. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Treats `''` (an unset `${VAR}` in a config file) as absent. */
function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function checkHttpUrl(value: string, what: string, env: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is a secret: name the option, never echo it.
    throw new Error(`[${packageName}] ${what} is not a valid URL; check the option or ${env}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`[${packageName}] ${what} must be an http(s) URL; check the option or ${env}.`);
  }
  return url;
}

function webhookSecrets(url: URL): string[] {
  // The path is the credential (T…/B…/token); redact the whole URL, the path and each long segment.
  const segments = url.pathname.split('/').filter((segment) => segment.length >= 8);
  return [url.href, `${url.pathname}${url.search}`, ...segments];
}

/**
 * Resolves options as: explicit option, then env (`SLACK_WEBHOOK_URL`, `SLACK_BOT_TOKEN`,
 * `SLACK_CHANNEL`), then defaults. An explicit `webhookUrl` or `token` picks the mode; from env alone a
 * bot token with a channel wins over a webhook URL. Throws when no destination is configured.
 */
export function resolveSlackOptions(options: SlackNotifierOptions, env: Env): ResolvedSlackOptions {
  const explicitWebhook = present(options.webhookUrl);
  const explicitToken = present(options.token);
  if (explicitWebhook && explicitToken) {
    throw new Error(`[${packageName}] give either webhookUrl or token (bot mode), not both.`);
  }
  const envToken = present(env.SLACK_BOT_TOKEN);
  const envChannel = present(env.SLACK_CHANNEL);
  const channel = present(options.channel) ?? envChannel;
  const useBot = explicitToken !== undefined || (!explicitWebhook && envToken !== undefined && channel);
  let destination: SlackDestination;
  let secrets: string[];
  if (useBot) {
    const token = explicitToken ?? envToken!;
    if (!channel) {
      throw new Error(
        `[${packageName}] the bot token mode needs a channel: set the channel option or SLACK_CHANNEL.`,
      );
    }
    const base = checkHttpUrl(present(options.apiUrl) ?? 'https://slack.com/api', 'apiUrl', 'the default');
    const postMessageUrl = `${base.href.replace(/\/+$/, '')}/chat.postMessage`;
    destination = { mode: 'bot', token, channel, postMessageUrl };
    secrets = [token];
  } else {
    const raw = explicitWebhook ?? present(env.SLACK_WEBHOOK_URL);
    if (!raw) {
      throw new Error(
        `[${packageName}] no Slack destination: set webhookUrl (env SLACK_WEBHOOK_URL), or token and ` +
          'channel (env SLACK_BOT_TOKEN and SLACK_CHANNEL).',
      );
    }
    const url = checkHttpUrl(raw, 'webhookUrl', 'SLACK_WEBHOOK_URL');
    destination = { mode: 'webhook', url: url.href };
    secrets = webhookSecrets(url);
  }
  const maxAlerts = options.maxAlerts ?? 20;
  if (!Number.isInteger(maxAlerts) || maxAlerts < 1 || maxAlerts > 40) {
    throw new Error(`[${packageName}] maxAlerts must be an integer from 1 to 40, got ${maxAlerts}.`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw new Error(`[${packageName}] timeoutMs must be positive, got ${timeoutMs}.`);
  return {
    id: options.id ?? 'slack',
    destination,
    timeoutMs,
    maxAlerts,
    replyBroadcast: options.replyBroadcast ?? false,
    threadCapacity: Math.max(1, options.threadCapacity ?? 1_000),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    secrets,
  };
}
