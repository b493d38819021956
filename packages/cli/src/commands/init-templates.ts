// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.

/** One adapter's block in the generated config: comment lines, then the YAML entry. */
export interface InitTemplate {
  /** The adapter id, i.e. the package `@mcp-o11y/<id>`. */
  readonly id: string;
  /** Environment variables the block needs set (no default in the file). */
  readonly requiredEnv: readonly string[];
  /** The entry under `adapters:`, indented by two spaces, comments included. */
  readonly yaml: string;
}

/** Backends `init --backends` knows, by the name users type. Option names follow each package's README. */
export const BACKEND_TEMPLATES: Readonly<Record<string, InitTemplate>> = {
  prometheus: {
    id: 'prometheus',
    requiredEnv: [],
    yaml: `  # Prometheus pull endpoint (@mcp-o11y/prometheus). Scrape http://<host>:9464/metrics.
  - id: prometheus
    options:
      host: \${OTEL_EXPORTER_PROMETHEUS_HOST:-127.0.0.1}
      port: \${OTEL_EXPORTER_PROMETHEUS_PORT:-9464}
      collectDefaultMetrics: true
      # Require a token on /metrics:
      # auth: { bearer: \${METRICS_TOKEN} }
      # A short-lived stdio server pushes instead:
      # pushgateway: { url: \${PROMETHEUS_PUSHGATEWAY_URL}, intervalMillis: 15000 }
`,
  },
  otlp: {
    id: 'otlp',
    requiredEnv: [],
    yaml: `  # OTLP traces, metrics and logs to any collector (@mcp-o11y/otlp).
  - id: otlp
    options:
      endpoint: \${OTEL_EXPORTER_OTLP_ENDPOINT:-http://localhost:4318}
      protocol: http/protobuf # or http/json, grpc
      compression: gzip
      # headers:
      #   authorization: Bearer \${OTLP_TOKEN}
`,
  },
  zipkin: {
    id: 'zipkin',
    requiredEnv: [],
    yaml: `  # Zipkin v2 traces (@mcp-o11y/zipkin).
  - id: zipkin
    options:
      url: \${OTEL_EXPORTER_ZIPKIN_ENDPOINT:-http://localhost:9411/api/v2/spans}
      timeoutMs: 10000
`,
  },
  jaeger: {
    id: 'jaeger',
    requiredEnv: [],
    yaml: `  # Jaeger traces over OTLP (@mcp-o11y/jaeger); mode: thrift-http or thrift-udp for legacy agents.
  - id: jaeger
    options:
      protocol: http # or grpc (endpoint http://localhost:4317)
      endpoint: \${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-http://localhost:4318/v1/traces}
`,
  },
  sentry: {
    id: 'sentry',
    requiredEnv: ['SENTRY_DSN'],
    yaml: `  # Sentry errors with MCP context, spans as transactions (@mcp-o11y/sentry).
  - id: sentry
    options:
      dsn: \${SENTRY_DSN}
      tracesSampleRate: \${SENTRY_TRACES_SAMPLE_RATE:-0.2}
      # environment: \${SENTRY_ENVIRONMENT}
      # enableLogs: true
`,
  },
  'azure-monitor': {
    id: 'azure-monitor',
    requiredEnv: ['APPLICATIONINSIGHTS_CONNECTION_STRING'],
    yaml: `  # Azure Monitor / Application Insights (@mcp-o11y/azure-monitor).
  - id: azure-monitor
    options:
      connectionString: \${APPLICATIONINSIGHTS_CONNECTION_STRING}
      samplingRatio: 1
      # offlineStorage: { directory: /var/lib/my-mcp-server/ai, maxBytes: 50000000 }
`,
  },
};

/** Notifiers `init --notifiers` knows, by the name users type (`slack` or `notify-slack`). */
export const NOTIFIER_TEMPLATES: Readonly<Record<string, InitTemplate>> = {
  slack: {
    id: 'notify-slack',
    requiredEnv: ['SLACK_WEBHOOK_URL'],
    yaml: `  # Slack incoming webhook (@mcp-o11y/notify-slack); or token + channel for the bot API.
  - id: notify-slack
    options:
      webhookUrl: \${SLACK_WEBHOOK_URL}
      maxAlerts: 20
`,
  },
  email: {
    id: 'notify-email',
    requiredEnv: ['SMTP_SERVER', 'SMTP_USERNAME', 'SMTP_PASSWORD', 'ALERT_FROM_EMAIL', 'ALERT_TO_EMAILS'],
    yaml: `  # Email over SMTP with STARTTLS or SMTPS (@mcp-o11y/notify-email).
  - id: notify-email
    options:
      host: \${SMTP_SERVER}
      port: \${SMTP_PORT:-587}
      username: \${SMTP_USERNAME}
      password: \${SMTP_PASSWORD}
      from: \${ALERT_FROM_EMAIL}
      to: \${ALERT_TO_EMAILS} # comma-separated
`,
  },
  teams: {
    id: 'notify-teams',
    requiredEnv: ['TEAMS_WEBHOOK_URL'],
    yaml: `  # Microsoft Teams Workflows webhook, Adaptive Cards (@mcp-o11y/notify-teams).
  - id: notify-teams
    options:
      webhookUrl: \${TEAMS_WEBHOOK_URL}
`,
  },
  telegram: {
    id: 'notify-telegram',
    requiredEnv: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID'],
    yaml: `  # Telegram bot (@mcp-o11y/notify-telegram); low severity is delivered silently.
  - id: notify-telegram
    options:
      botToken: \${TELEGRAM_BOT_TOKEN}
      chatId: "\${TELEGRAM_CHAT_ID}"
      parseMode: HTML
`,
  },
  webhook: {
    id: 'notify-webhook',
    requiredEnv: ['MCP_O11Y_WEBHOOK_URL'],
    yaml: `  # Generic JSON webhook, Alertmanager-compatible payload (@mcp-o11y/notify-webhook).
  - id: notify-webhook
    options:
      url: \${MCP_O11Y_WEBHOOK_URL}
      # signingSecret: \${MCP_O11Y_WEBHOOK_SECRET} # HMAC-SHA256, 32+ random characters
`,
  },
};
