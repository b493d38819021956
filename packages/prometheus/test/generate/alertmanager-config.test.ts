import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAlertmanagerConfig } from '../../src/generate/generate-alertmanager-config.js';
import { runTool, tempFiles } from './run-tool.js';

const generated = generateAlertmanagerConfig({
  routing: {
    route: {
      notifiers: ['ops-email', 'slack'],
      groupBy: ['alertname', 'gen_ai.tool.name'],
      groupWait: '30s',
      groupInterval: '5m',
      repeatInterval: '4h',
      routes: [
        {
          matchers: [{ name: 'severity', operator: '=', value: 'critical' }],
          notifiers: ['telegram', 'teams'],
          repeatInterval: '5m',
          continue: true,
        },
        { matchers: [{ name: 'severity', operator: '=~', value: 'critical|high' }], repeatInterval: '5m' },
        {
          matchers: [{ name: 'mcp.method.name', operator: '!~', value: 'ping|initialize' }],
          notifiers: [],
          groupBy: ['...'],
        },
      ],
    },
    inhibitRules: [
      {
        sourceMatchers: [{ name: 'severity', operator: '=', value: 'critical' }],
        targetMatchers: [{ name: 'severity', operator: '=~', value: 'low|medium|high' }],
        equal: ['gen_ai.tool.name'],
      },
    ],
    notifiers: { slack: { sendResolved: false } },
  },
  receivers: {
    'ops-email': {
      kind: 'email',
      to: 'ops@example.com',
      from: 'alerts@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'alerts',
    },
    slack: { kind: 'slack', channel: '#alerts' },
    // Alertmanager 0.25 (Debian bookworm) has no bot_token_file: a placeholder substituted at deploy time.
    telegram: {
      kind: 'telegram',
      chatId: '-1001234567890',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana / deploy-time placeholder, not JavaScript
      botToken: { placeholder: '${TELEGRAM_BOT_TOKEN}' },
    },
  },
  webhook: {
    url: 'http://127.0.0.1:9465/alertmanager',
    bearerTokenFile: '/etc/alertmanager/secrets/webhook-token',
  },
});

describe('generated Alertmanager config', () => {
  it('passes amtool check-config', async () => {
    const files = tempFiles({ 'alertmanager.yml': generated.yaml });
    try {
      const run = await runTool('amtool', ['check-config', join(files.dir, 'alertmanager.yml')]);
      expect(run.output).toContain('SUCCESS');
      expect(run.code).toBe(0);
    } finally {
      files.cleanup();
    }
  });

  it.each([
    [['severity=critical', 'alertname=X'], 'telegram+teams,ops-email+slack'],
    [['severity=high', 'alertname=X', 'mcp_method_name=ping'], 'ops-email+slack'],
    [['severity=low', 'alertname=X', 'mcp_method_name=tools/call'], 'none'],
  ])('routes %j to %s, as core would', async (labels, receivers) => {
    const files = tempFiles({ 'alertmanager.yml': generated.yaml });
    try {
      const run = await runTool('amtool', [
        'config',
        'routes',
        'test',
        `--config.file=${join(files.dir, 'alertmanager.yml')}`,
        `--verify.receivers=${receivers}`,
        ...labels,
      ]);
      expect(run.output.split('\n')[0]).toBe(receivers);
      expect(run.code).toBe(0);
    } finally {
      files.cleanup();
    }
  });

  it('references secrets by file or placeholder, never inline, and routes unknown notifiers to our webhook', () => {
    const yaml = generated.yaml;
    expect(yaml).toContain('auth_password_file: "/etc/alertmanager/secrets/ops-email-smtp-password"');
    expect(yaml).toContain('api_url_file: "/etc/alertmanager/secrets/slack-slack-url"');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana / deploy-time placeholder, not JavaScript
    expect(yaml).toContain('bot_token: "${TELEGRAM_BOT_TOKEN}"');
    expect(yaml).toContain('chat_id: -1001234567890');
    expect(yaml).toContain('url: "http://127.0.0.1:9465/alertmanager?notifier=teams"');
    expect(yaml).toContain('credentials_file: "/etc/alertmanager/secrets/webhook-token"');
    expect(yaml).toContain('group_by:\n    - "alertname"\n    - "gen_ai_tool_name"');
    // Core's per-notifier sendResolved: false for slack only.
    expect(yaml).toMatch(/slack_configs:\n {6}- send_resolved: false/);
    expect(yaml).toMatch(/email_configs:\n {6}- send_resolved: true/);
  });

  it('amtool check-config rejects a broken config, so the check above can fail', async () => {
    const files = tempFiles({ 'bad.yml': 'route:\n  receiver: missing\nreceivers:\n  - name: other\n' });
    try {
      const run = await runTool('amtool', ['check-config', join(files.dir, 'bad.yml')]);
      expect(run.code).not.toBe(0);
      expect(run.output).toContain('undefined receiver');
    } finally {
      files.cleanup();
    }
  });

  it('refuses a route notifier with neither a receiver nor the webhook', () => {
    expect(() => generateAlertmanagerConfig({ routing: { route: { notifiers: ['pager'] } } })).toThrow(
      /^\[@mcp-o11y\/prometheus\] the route tree names notifier "pager"/,
    );
  });
});
