import { canonicalNotifications, createAdapterContext, createCaptureFetch } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { adapter, createTeamsNotifier, teamsNotifier } from './index.js';

const url =
  'https://prod-01.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sv=1.0&sig=S3cr3tSignatureValue';
const signal = new AbortController().signal;

describe('options', () => {
  it('reads TEAMS_WEBHOOK_URL from the context env; the explicit option wins', async () => {
    const fetch = createCaptureFetch(() => ({ status: 202 }));
    const instance = await adapter.create(
      { fetch },
      createAdapterContext({ env: { TEAMS_WEBHOOK_URL: url } }),
    );
    expect(instance.notifiers?.[0]?.id).toBe('teams');
    await instance.notifiers?.[0]?.send(canonicalNotifications.lowFiring, { signal });
    expect(fetch.requests[0]?.url).toBe(url);

    const other = url.replace('prod-01', 'prod-02');
    await createTeamsNotifier({ webhookUrl: other, fetch }, { env: { TEAMS_WEBHOOK_URL: url } }).send(
      canonicalNotifications.lowFiring,
      { signal },
    );
    expect(fetch.requests[1]?.url).toBe(other);
  });

  it('throws a package-prefixed error naming the env var when no URL is configured', () => {
    expect(() => createTeamsNotifier({}, { env: {} })).toThrow(
      /^\[@mcp-o11y\/notify-teams\] no webhook URL: .*TEAMS_WEBHOOK_URL/,
    );
  });

  it('refuses a malformed URL without repeating it', () => {
    const error = (() => {
      try {
        createTeamsNotifier({ webhookUrl: 'not a url sig=S3cr3t' }, { env: {} });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toMatch(/^\[@mcp-o11y\/notify-teams\] the webhook URL is not a valid URL/);
    expect(error?.message).not.toContain('S3cr3t');
  });

  it('parseOptions is strict and refuses a function-valued or unknown key (config-file form)', () => {
    expect(
      adapter.parseOptions?.({ webhookUrl: url, format: 'messagecard', maxPayloadBytes: 20_000 }),
    ).toEqual({
      webhookUrl: url,
      format: 'messagecard',
      maxPayloadBytes: 20_000,
    });
    expect(() => adapter.parseOptions?.({ webhookURL: url })).toThrow(/webhookURL/);
    expect(() => adapter.parseOptions?.({ format: 'html' })).toThrow();
    expect(() => adapter.parseOptions?.({ maxPayloadBytes: 100 })).toThrow();
  });

  it('teamsNotifier binds the descriptor', () => {
    const bound = teamsNotifier({ webhookUrl: url });
    expect(bound).toMatchObject({ specificationVersion: 'v1', id: 'notify-teams', kinds: ['notifier'] });
  });
});

describe('HTTP mapping details', () => {
  it('a redirect is failed (the signed body is not followed elsewhere)', async () => {
    const fetch = createCaptureFetch([{ status: 302, headers: { location: 'https://elsewhere.example' } }]);
    const result = await createTeamsNotifier({ webhookUrl: url, fetch }).send(
      canonicalNotifications.lowFiring,
      { signal },
    );
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('answered 302') });
  });

  it('a legacy-connector 200 that reports throttling in its body is retryable', async () => {
    const fetch = createCaptureFetch([
      { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId …' },
    ]);
    const result = await createTeamsNotifier({ webhookUrl: url, fetch }).send(
      canonicalNotifications.lowFiring,
      { signal },
    );
    expect(result.status).toBe('retryable');
  });

  it('redacts the URL and signature from fetch errors that quote them', async () => {
    const fetch = (async () => {
      throw new TypeError(
        `Failed to fetch ${url} (also ${encodeURIComponent(url)}, sig=S3cr3tSignatureValue)`,
      );
    }) as typeof globalThis.fetch;
    const result = await createTeamsNotifier({ webhookUrl: url, fetch }).send(
      canonicalNotifications.lowFiring,
      { signal },
    );
    expect(result.status).toBe('retryable');
    expect(JSON.stringify(result)).not.toMatch(/S3cr3t|workflows\/abc/);
  });
});
