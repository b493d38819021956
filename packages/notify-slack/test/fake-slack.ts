import {
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverResponse,
  startHttpReceiver,
} from '@mcp-o11y/testkit';
import { validateSlackMessage } from './slack-block-kit-validator.js';

/** A local stand-in for Slack that answers like Slack and rejects what Slack (or our escaping rule) would. */
export interface FakeSlack {
  readonly receiver: HttpReceiver;
  /** URL for `webhookUrl` (with a fake token path) or `apiUrl` (bot mode). */
  readonly url: string;
  /** Every validation failure, so a test can print why a message was refused. */
  readonly rejections: { readonly path: string; readonly problems: readonly string[] }[];
  close(): Promise<void>;
}

/** Answers a request before the default behaviour; return undefined to fall through. */
export type FakeSlackScript = (
  request: ReceivedRequest,
  index: number,
) => ReceiverResponse | Promise<ReceiverResponse> | undefined;

export const fakeWebhookPath = '/services/T00000000/B00000000/XXXXsecretXXXXtoken';
export const fakeBotToken = 'xoxb-111-222-fakeSecretBotToken';

export async function startFakeSlack(mode: 'webhook' | 'bot', script?: FakeSlackScript): Promise<FakeSlack> {
  const rejections: { path: string; problems: readonly string[] }[] = [];
  let index = 0;
  let ts = 1_768_469_400;
  const receiver = await startHttpReceiver({
    handler: async (request) => {
      const scripted = await script?.(request, index++);
      if (scripted) return scripted;
      const reject = (error: string, status: number): ReceiverResponse =>
        mode === 'webhook'
          ? { status, headers: { 'content-type': 'text/plain' }, body: error }
          : { status: 200, body: { ok: false, error } };
      if (request.method !== 'POST') return reject('invalid_payload', 400);
      if (!request.headers['content-type']?.startsWith('application/json'))
        return reject('invalid_payload', 400);
      if (mode === 'webhook' && request.path !== fakeWebhookPath) return reject('no_service', 404);
      if (mode === 'bot') {
        if (request.path !== '/api/chat.postMessage') return { status: 404, body: 'unknown_method' };
        if (request.headers.authorization !== `Bearer ${fakeBotToken}`) return reject('invalid_auth', 200);
      }
      let payload: unknown;
      try {
        payload = request.json();
      } catch {
        return reject('invalid_payload', 400);
      }
      const result = validateSlackMessage(payload, mode);
      if (result.error) {
        rejections.push({ path: request.path, problems: result.problems });
        return reject(result.error, 400);
      }
      if (mode === 'webhook') return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };
      const body = payload as { channel?: string; thread_ts?: string };
      if (!body.channel) return reject('channel_not_found', 200);
      ts += 1;
      return { status: 200, body: { ok: true, channel: 'C0ALERTS01', ts: `${ts}.000100`, message: {} } };
    },
  });
  return {
    receiver,
    url: mode === 'webhook' ? `${receiver.url}${fakeWebhookPath}` : `${receiver.url}/api`,
    rejections,
    close: () => receiver.close(),
  };
}
