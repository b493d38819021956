import { type AlertRoutingV1, defaultRoute, type LabelMatcherV1, type RouteV1 } from '@mcp-o11y/core';
import { prometheusLabelName, quote } from './prometheus-names.js';
import { toYaml, type YamlValue } from './to-yaml.js';

/**
 * Where Alertmanager reads a secret: a file it loads (`*_file` keys; mount it from your secret store), or a
 * placeholder your deployment substitutes before Alertmanager starts (e.g. `envsubst`). Never a value.
 */
export type AlertmanagerSecretRef = { readonly file: string } | { readonly placeholder: string };

/** Native Alertmanager integrations a notifier id can map to, plus our own webhook receiver. */
export type AlertmanagerIntegration =
  | {
      /** `email_configs`. */
      readonly kind: 'email';
      readonly to: string;
      readonly from: string;
      /** `host:port`. */
      readonly smarthost: string;
      readonly authUsername?: string;
      /** Default `{ file: '/etc/alertmanager/secrets/<id>-smtp-password' }` when `authUsername` is set. */
      readonly authPassword?: AlertmanagerSecretRef;
      /** Default true. */
      readonly requireTls?: boolean;
    }
  | {
      /** `slack_configs` with an incoming-webhook URL. */
      readonly kind: 'slack';
      /** Default `{ file: '/etc/alertmanager/secrets/<id>-slack-url' }`. */
      readonly apiUrl?: AlertmanagerSecretRef;
      readonly channel?: string;
    }
  | {
      /** `telegram_configs`. */
      readonly kind: 'telegram';
      /** Chat id (negative for groups and channels); written as an integer. */
      readonly chatId: string | number;
      /** Default `{ file: '/etc/alertmanager/secrets/<id>-telegram-token' }` (`bot_token_file` needs Alertmanager ≥ 0.26). */
      readonly botToken?: AlertmanagerSecretRef;
      /** Default `HTML`. */
      readonly parseMode?: 'HTML' | 'MarkdownV2' | 'Markdown';
    }
  | {
      /** `webhook_configs` to any URL. */
      readonly kind: 'webhook';
      readonly url: string;
      /** Bearer token file (`http_config.authorization.credentials_file`). */
      readonly bearerTokenFile?: string;
      /** Alerts per message; 0 = all. */
      readonly maxAlerts?: number;
    };

/** Options of {@link generateAlertmanagerConfig}. */
export interface AlertmanagerConfigOptions {
  /** Core's routing (route tree, inhibit rules, per-notifier `sendResolved`). Default: `defaultRoute` of every notifier. */
  readonly routing?: AlertRoutingV1;
  /** Notifier ids (as in the route tree) mapped to native integrations; a list sends to each. */
  readonly receivers?: Readonly<Record<string, AlertmanagerIntegration | readonly AlertmanagerIntegration[]>>;
  /**
   * Our Alertmanager webhook receiver (`createAlertmanagerWebhook`), e.g. `http://mcp-alerts:9465/alertmanager`:
   * every notifier id the route tree names without an entry in `receivers` is delivered through it
   * (`?notifier=<id>`), so it reaches core's notifiers with their retries.
   */
  readonly webhook?: { readonly url: string; readonly bearerTokenFile?: string };
  /** `global.resolve_timeout`. Default `5m`. */
  readonly resolveTimeout?: string;
}

/** What {@link generateAlertmanagerConfig} returns. */
export interface GeneratedAlertmanagerConfig {
  readonly config: Readonly<Record<string, YamlValue>>;
  /** `alertmanager.yml`, ready for `amtool check-config`. */
  readonly yaml: string;
}

const SECRETS_DIR = '/etc/alertmanager/secrets';

/** `name="value"` in Alertmanager matcher syntax, the label name as Prometheus exposes it. */
export function alertmanagerMatcher(matcher: LabelMatcherV1): string {
  return `${prometheusLabelName(matcher.name)}${matcher.operator}${quote(matcher.value)}`;
}

/** The receiver name of a route's notifier list: `slack+ops-email`, or `none` for an empty list. */
export function receiverName(notifiers: readonly string[]): string {
  return notifiers.length === 0 ? 'none' : notifiers.join('+');
}

/**
 * Alertmanager configuration mirroring core's routing: the same route tree (matchers, `continue`,
 * `group_by`, `group_wait`, `group_interval`, `repeat_interval`, inherited when unset), inhibit rules, and one
 * receiver per distinct notifier list, holding each notifier's integrations (`send_resolved` from core's
 * per-notifier setting, default true). Secrets are `*_file` references or placeholders. Pure.
 */
export function generateAlertmanagerConfig(
  options: AlertmanagerConfigOptions = {},
): GeneratedAlertmanagerConfig {
  const receivers = options.receivers ?? {};
  const known = Object.keys(receivers);
  const root = options.routing?.route ?? defaultRoute(known);
  const rootNotifiers = root.notifiers ?? known;
  const lists = new Map<string, readonly string[]>();
  const route = convertRoute({ ...root, notifiers: rootNotifiers }, true, lists);
  const sendResolved = (id: string) => options.routing?.notifiers?.[id]?.sendResolved ?? true;
  const receiverConfigs = [...lists.entries()].map(([name, ids]) => {
    const receiver: Record<string, YamlValue[]> = {};
    for (const id of ids) {
      const integrations = receivers[id];
      const list =
        integrations === undefined ? undefined : Array.isArray(integrations) ? integrations : [integrations];
      if (list === undefined) {
        if (options.webhook === undefined) {
          throw new Error(
            `[@mcp-o11y/prometheus] the route tree names notifier "${id}", which has no entry in receivers; ` +
              'add one, or set webhook to deliver it through the Alertmanager webhook receiver.',
          );
        }
        const url = new URL(options.webhook.url);
        url.searchParams.append('notifier', id);
        push(receiver, 'webhook_configs', {
          send_resolved: sendResolved(id),
          url: url.toString(),
          http_config: authorization(options.webhook.bearerTokenFile),
        });
        continue;
      }
      for (const integration of list as readonly AlertmanagerIntegration[]) {
        const [key, config] = integrationConfig(id, integration);
        push(receiver, key, { send_resolved: sendResolved(id), ...config });
      }
    }
    return { name, ...receiver };
  });
  const inhibitRules = (options.routing?.inhibitRules ?? []).map((rule) => ({
    source_matchers: rule.sourceMatchers.map(alertmanagerMatcher),
    target_matchers: rule.targetMatchers.map(alertmanagerMatcher),
    equal:
      rule.equal === undefined || rule.equal.length === 0 ? undefined : rule.equal.map(prometheusLabelName),
  }));
  const config: Record<string, YamlValue> = {
    global: { resolve_timeout: options.resolveTimeout ?? '5m' },
    route,
    inhibit_rules: inhibitRules.length === 0 ? undefined : inhibitRules,
    receivers: receiverConfigs,
  };
  const yaml = toYaml(
    config,
    'Generated by @mcp-o11y/prometheus from the mcp-o11y alert routing. Check: amtool check-config <file>',
  );
  return { config, yaml };
}

function push(receiver: Record<string, YamlValue[]>, key: string, value: YamlValue): void {
  receiver[key] ??= [];
  receiver[key].push(value);
}

function authorization(credentialsFile: string | undefined): YamlValue {
  return credentialsFile === undefined
    ? undefined
    : { authorization: { type: 'Bearer', credentials_file: credentialsFile } };
}

function secret(key: string, ref: AlertmanagerSecretRef): Record<string, string> {
  return 'file' in ref ? { [`${key}_file`]: ref.file } : { [key]: ref.placeholder };
}

function integrationConfig(
  id: string,
  integration: AlertmanagerIntegration,
): [string, Record<string, YamlValue>] {
  switch (integration.kind) {
    case 'email':
      return [
        'email_configs',
        {
          to: integration.to,
          from: integration.from,
          smarthost: integration.smarthost,
          require_tls: integration.requireTls ?? true,
          ...(integration.authUsername === undefined
            ? {}
            : {
                auth_username: integration.authUsername,
                ...secret(
                  'auth_password',
                  integration.authPassword ?? { file: `${SECRETS_DIR}/${id}-smtp-password` },
                ),
              }),
        },
      ];
    case 'slack':
      return [
        'slack_configs',
        {
          ...secret('api_url', integration.apiUrl ?? { file: `${SECRETS_DIR}/${id}-slack-url` }),
          channel: integration.channel,
        },
      ];
    case 'telegram': {
      const chatId = Number(integration.chatId);
      if (!Number.isSafeInteger(chatId)) {
        throw new Error(`[@mcp-o11y/prometheus] telegram chatId of "${id}" must be an integer chat id.`);
      }
      return [
        'telegram_configs',
        {
          ...secret('bot_token', integration.botToken ?? { file: `${SECRETS_DIR}/${id}-telegram-token` }),
          chat_id: chatId,
          parse_mode: integration.parseMode ?? 'HTML',
        },
      ];
    }
    case 'webhook':
      return [
        'webhook_configs',
        {
          url: integration.url,
          max_alerts: integration.maxAlerts,
          http_config: authorization(integration.bearerTokenFile),
        },
      ];
  }
}

function convertRoute(route: RouteV1, isRoot: boolean, lists: Map<string, readonly string[]>): YamlValue {
  let receiver: string | undefined;
  if (route.notifiers !== undefined) {
    receiver = receiverName(route.notifiers);
    lists.set(receiver, route.notifiers);
  }
  const rootDefault = <T>(value: T | undefined, fallback: T): T | undefined =>
    value ?? (isRoot ? fallback : undefined);
  const groupBy = rootDefault(route.groupBy, ['alertname']);
  return {
    receiver,
    matchers: isRoot || route.matchers === undefined ? undefined : route.matchers.map(alertmanagerMatcher),
    continue: route.continue === true ? true : undefined,
    group_by: groupBy?.map((label) => (label === '...' ? label : prometheusLabelName(label))),
    group_wait: rootDefault(route.groupWait, '30s'),
    group_interval: rootDefault(route.groupInterval, '5m'),
    repeat_interval: rootDefault(route.repeatInterval, '4h'),
    routes: route.routes?.map((child) => convertRoute(child, false, lists)),
  };
}
