// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@mcp-o11y/core';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGES, runBin, tempProject } from './run-bin.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function project(files: Record<string, string> = {}) {
  const created = tempProject(files);
  cleanups.push(created.cleanup);
  return created.dir;
}

// Every variable a full init file references without a default, with values the adapters accept.
const ENV = {
  SENTRY_DSN: 'https://public@o1.ingest.sentry.io/1',
  APPLICATIONINSIGHTS_CONNECTION_STRING:
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
  SMTP_SERVER: 'smtp.example.com',
  SMTP_USERNAME: 'alerts',
  SMTP_PASSWORD: 'hunter2-smtp',
  ALERT_FROM_EMAIL: 'alerts@example.com',
  ALERT_TO_EMAILS: 'oncall@example.com',
  TEAMS_WEBHOOK_URL: 'https://example.webhook.office.com/workflows/abc',
  TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi',
  TELEGRAM_CHAT_ID: '-1001234567890',
  MCP_O11Y_WEBHOOK_URL: 'https://hooks.example.com/mcp',
};

// The test loads each adapter from its workspace source, so the file is checked by the adapters' own
// option schemas without depending on which packages happen to be built.
const importFromWorkspace = (specifier: string) =>
  import(join(PACKAGES, specifier.replace('@mcp-o11y/', ''), 'src/index.ts'));

describe('mcp-o11y init', () => {
  it('writes a config for every backend and notifier that loadConfig accepts', async () => {
    const dir = project();
    const run = await runBin(
      [
        'init',
        '--backends',
        'prometheus,otlp,zipkin,jaeger,sentry,azure-monitor',
        '--notifiers',
        'slack,email,teams,telegram,notify-webhook',
      ],
      { cwd: dir },
    );
    expect(run.stderr).toContain('set SENTRY_DSN');
    expect(run.code).toBe(0);
    const file = join(dir, 'mcp-o11y.config.yaml');
    expect(run.stdout).toBe(`${file}\n`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('webhookUrl: ${SLACK_WEBHOOK_URL}');
    expect(text).not.toContain(ENV.SMTP_PASSWORD);

    const options = await loadConfig(file, { env: ENV, cwd: dir, importAdapter: importFromWorkspace });
    expect(options.adapters?.map((adapter) => adapter.id)).toEqual([
      'prometheus',
      'otlp',
      'zipkin',
      'jaeger',
      'sentry',
      'azure-monitor',
      'notify-slack',
      'notify-email',
      'notify-teams',
      'notify-telegram',
      'notify-webhook',
    ]);
    expect(options.service?.name).toBe('my-mcp-server');
  });

  it('names every missing variable when the environment lacks them', async () => {
    const dir = project();
    expect((await runBin(['init', '--backends', 'sentry'], { cwd: dir })).code).toBe(0);
    await expect(
      loadConfig(join(dir, 'mcp-o11y.config.yaml'), {
        env: {},
        cwd: dir,
        importAdapter: importFromWorkspace,
      }),
    ).rejects.toThrow(/SENTRY_DSN/);
  });

  it('writes the default (prometheus) config that validate accepts', async () => {
    const dir = project();
    expect((await runBin(['init'], { cwd: dir })).code).toBe(0);
    const validate = await runBin(['validate', '--json'], { cwd: dir });
    expect(validate.stderr).toContain('checking config');
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, config: { adapters: ['prometheus'] } });
    expect(validate.code).toBe(0);
  });

  it('refuses to overwrite without --force (exit 1) and overwrites with it', async () => {
    const dir = project({ 'mcp-o11y.config.yaml': 'keep: me\n' });
    const refused = await runBin(['init'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'mcp-o11y.config.yaml'), 'utf8')).toBe('keep: me\n');
    expect((await runBin(['init', '--force', '--backends', 'none'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'mcp-o11y.config.yaml'), 'utf8')).toContain('alerts:');
  });

  it('prints to stdout with --out -', async () => {
    const run = await runBin(['init', '--out', '-', '--notifiers', 'teams'], { cwd: project() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('- id: notify-teams');
  });

  it.each([
    [['init', '--backends', 'datadog'], 'unknown backend "datadog"'],
    [['init', '--bogus'], "Unknown option '--bogus'"],
    [['init', 'extra'], 'unexpected argument "extra"'],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const run = await runBin(args, { cwd: project() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('prints help for the program and each command', async () => {
    const dir = project();
    const main = await runBin(['--help'], { cwd: dir });
    expect(main.code).toBe(0);
    for (const command of ['init', 'validate', 'generate', 'doctor', 'notify', 'alerts']) {
      expect(main.stdout).toContain(`  ${command}`);
      const help = await runBin([command, '--help'], { cwd: dir });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: mcp-o11y ${command}`);
    }
    const unknown = await runBin(['frobnicate'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
  });
});
