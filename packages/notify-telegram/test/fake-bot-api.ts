import {
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverResponse,
  startHttpReceiver,
} from '@mcp-o11y/testkit';
import { EntityParseError, type ParsedMessage, parseTelegramHtml } from './parse-telegram-html.js';
import { parseTelegramMarkdownV2 } from './parse-telegram-markdown-v2.js';

/** A chat the fake knows. */
export interface FakeChat {
  readonly id: string;
  /** The bot was removed: 403. */
  readonly kicked?: boolean;
  /** Forum topics that exist (`message_thread_id`). */
  readonly threads?: readonly number[];
}

/** Overrides the next answer: a Bot API status + envelope, or a hang. */
export type ScriptedAnswer =
  | { readonly status: number; readonly body?: Record<string, unknown>; readonly retryAfter?: string }
  | { readonly hang: true };

/** A message the fake accepted: the raw request body and what Telegram would show. */
export interface AcceptedMessage {
  readonly raw: string;
  readonly request: Record<string, unknown>;
  readonly parsed: ParsedMessage;
}

export interface FakeBotApi {
  /** Base URL to pass as `apiBaseUrl` (with a path prefix, like a self-hosted server behind a proxy). */
  readonly apiBaseUrl: string;
  readonly receiver: HttpReceiver;
  readonly accepted: AcceptedMessage[];
  /** Every answer sent, in order: `{ status, body }`. */
  readonly answers: { status: number; body: Record<string, unknown> }[];
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

const maxTextLength = 4096;
const knownFields = new Set([
  'chat_id',
  'text',
  'parse_mode',
  'entities',
  'message_thread_id',
  'disable_notification',
  'link_preview_options',
  'protect_content',
  'reply_parameters',
  'reply_markup',
  'business_connection_id',
  'message_effect_id',
  'allow_paid_broadcast',
]);

const error = (
  status: number,
  description: string,
  parameters?: Record<string, unknown>,
): ReceiverResponse => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

/**
 * Starts a fake Bot API on 127.0.0.1: `POST <apiBaseUrl>/bot<token>/sendMessage` with a JSON body. It
 * checks the token and chat, parses `text` in the requested parse mode exactly as strictly as Telegram
 * (see the parsers), enforces 4096 UTF-16 units of visible text, and answers with the Bot API envelope.
 */
export async function startFakeBotApi(options: {
  readonly token: string;
  readonly chats: readonly FakeChat[];
}): Promise<FakeBotApi> {
  const queue: ScriptedAnswer[] = [];
  const accepted: AcceptedMessage[] = [];
  const answers: { status: number; body: Record<string, unknown> }[] = [];
  let messageId = 100;

  const validate = (request: ReceivedRequest): ReceiverResponse => {
    const match = /^\/tg-api\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.path);
    if (!match || request.method !== 'POST') return error(404, 'Not Found');
    if (match[1] !== options.token) return error(401, 'Unauthorized');
    if (match[2] !== 'sendMessage') return error(404, 'Not Found');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? ''))
      return error(400, 'Bad Request: message text is empty');
    let body: Record<string, unknown>;
    try {
      body = request.json<Record<string, unknown>>();
    } catch {
      return error(400, "Bad Request: can't parse JSON");
    }
    const unknown = Object.keys(body).filter((key) => !knownFields.has(key));
    if (unknown.length > 0) return error(400, `Bad Request: unknown parameter ${unknown[0]} (strict fake)`);
    if (typeof body.chat_id !== 'string' && typeof body.chat_id !== 'number')
      return error(400, 'Bad Request: chat_id is empty');
    const chat = options.chats.find((each) => each.id === String(body.chat_id));
    if (!chat) return error(400, 'Bad Request: chat not found');
    if (chat.kicked) return error(403, 'Forbidden: bot was kicked from the supergroup chat');
    if (body.message_thread_id !== undefined && !chat.threads?.includes(body.message_thread_id as number)) {
      return error(400, 'Bad Request: message thread not found');
    }
    if (body.disable_notification !== undefined && typeof body.disable_notification !== 'boolean') {
      return error(400, 'Bad Request: disable_notification must be a boolean');
    }
    const preview = body.link_preview_options;
    if (
      preview !== undefined &&
      (typeof preview !== 'object' ||
        preview === null ||
        typeof (preview as { is_disabled?: unknown }).is_disabled !== 'boolean')
    ) {
      return error(400, "Bad Request: can't parse link preview options");
    }
    if (typeof body.text !== 'string') return error(400, 'Bad Request: message text is empty');
    let parsed: ParsedMessage;
    try {
      if (body.parse_mode === 'HTML') parsed = parseTelegramHtml(body.text);
      else if (body.parse_mode === 'MarkdownV2') parsed = parseTelegramMarkdownV2(body.text);
      else if (body.parse_mode === undefined) parsed = { text: body.text, entities: [] };
      else return error(400, `Bad Request: unsupported parse_mode "${String(body.parse_mode)}"`);
    } catch (caught) {
      if (caught instanceof EntityParseError)
        return error(400, `Bad Request: can't parse entities: ${caught.message}`);
      throw caught;
    }
    if (parsed.text.trim() === '') return error(400, 'Bad Request: message text is empty');
    if (parsed.text.length > maxTextLength) return error(400, 'Bad Request: message is too long');
    accepted.push({ raw: request.text, request: body, parsed });
    messageId += 1;
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: messageId,
          chat: { id: Number(chat.id), type: 'supergroup' },
          date: 1_768_469_400,
          text: parsed.text,
          ...(parsed.entities.length > 0 ? { entities: parsed.entities } : {}),
          ...(body.message_thread_id === undefined ? {} : { message_thread_id: body.message_thread_id }),
        },
      },
    };
  };

  const handler = (request: ReceivedRequest): ReceiverResponse | Promise<ReceiverResponse> => {
    const scripted = queue.shift();
    if (scripted && 'hang' in scripted) return new Promise<never>(() => undefined);
    const answer: ReceiverResponse = scripted
      ? {
          status: scripted.status,
          headers: scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {},
          body: scripted.body ?? {},
        }
      : validate(request);
    answers.push({ status: answer.status ?? 200, body: answer.body as Record<string, unknown> });
    return answer;
  };

  const receiver = await startHttpReceiver({ handler });
  return {
    apiBaseUrl: `${receiver.url}/tg-api/`,
    receiver,
    accepted,
    answers,
    script: (...next) => void queue.push(...next),
    close: () => receiver.close(),
  };
}
