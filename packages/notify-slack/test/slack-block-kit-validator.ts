/**
 * Checks a message the way Slack does before posting it: Block Kit shapes and limits (from
 * `@slack/types` doc comments and the Block Kit reference), plus our own guard that no mrkdwn text carries
 * a mention or link the renderer did not make itself. Returns Slack's error code and the problems found.
 */
export interface ValidationResult {
  /** `no_text`, `invalid_payload`, `too_many_attachments`, `invalid_blocks` or `unsafe_mrkdwn`. */
  readonly error?: string;
  readonly problems: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const webhookKeys = ['text', 'blocks', 'attachments', 'unfurl_links', 'unfurl_media'];
const botKeys = [...webhookKeys, 'channel', 'thread_ts', 'reply_broadcast'];
const blockKeys: Record<string, string[]> = {
  header: ['type', 'block_id', 'text'],
  section: ['type', 'block_id', 'text', 'fields', 'accessory'],
  context: ['type', 'block_id', 'elements'],
  divider: ['type', 'block_id'],
};

// The only `<…>` sequences the renderer may emit: http(s) links and date tokens. Anything else
// (`<!channel>`, `<@U123>`, `<#C1>`, `<!subteam^…>`) would be an injection.
const allowedAngle = /^<(https?:\/\/[^\s|<>]+\|[^<>|]+|!date\^\d+\^[^|<>]+\|[^<>]+)>$/;

export function mrkdwnProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/<[^>]*>?/g)) {
    if (!allowedAngle.test(match[0])) problems.push(`${where}: unescaped markup ${JSON.stringify(match[0])}`);
  }
  if (/>/.test(text.replace(/<[^<>]*>/g, ''))) problems.push(`${where}: raw '>'`);
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`${where}: raw '&'`);
  return problems;
}

function textObject(value: unknown, where: string, max: number, only?: 'plain_text' | 'mrkdwn'): string[] {
  if (!isObject(value)) return [`${where}: not a text object`];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!['type', 'text', 'emoji', 'verbatim'].includes(key)) problems.push(`${where}: unknown key ${key}`);
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') problems.push(`${where}: bad type`);
  if (only && value.type !== only) problems.push(`${where}: must be ${only}`);
  if (typeof value.text !== 'string' || value.text.length < 1) return [...problems, `${where}: empty text`];
  if (value.text.length > max) problems.push(`${where}: ${value.text.length} > ${max} characters`);
  if (value.emoji !== undefined && value.type !== 'plain_text') problems.push(`${where}: emoji on mrkdwn`);
  if (value.verbatim !== undefined && value.type !== 'mrkdwn')
    problems.push(`${where}: verbatim on plain_text`);
  if (value.type === 'mrkdwn') problems.push(...mrkdwnProblems(value.text, where));
  return problems;
}

function block(value: unknown, where: string): string[] {
  if (!isObject(value) || typeof value.type !== 'string') return [`${where}: not a block`];
  const keys = blockKeys[value.type];
  if (!keys) return [`${where}: unsupported block type ${value.type}`];
  const problems = Object.keys(value)
    .filter((key) => !keys.includes(key))
    .map((key) => `${where}: unknown key ${key}`);
  if (value.block_id !== undefined && (typeof value.block_id !== 'string' || value.block_id.length > 255)) {
    problems.push(`${where}: bad block_id`);
  }
  if (value.type === 'header') problems.push(...textObject(value.text, `${where}.text`, 150, 'plain_text'));
  if (value.type === 'section') {
    if (value.text === undefined && value.fields === undefined)
      problems.push(`${where}: needs text or fields`);
    if (value.text !== undefined) problems.push(...textObject(value.text, `${where}.text`, 3000));
    if (value.fields !== undefined) {
      if (!Array.isArray(value.fields) || value.fields.length < 1 || value.fields.length > 10) {
        problems.push(`${where}.fields: 1 to 10 items`);
      } else {
        value.fields.forEach((field, index) => {
          problems.push(...textObject(field, `${where}.fields[${index}]`, 2000));
        });
      }
    }
  }
  if (value.type === 'context') {
    if (!Array.isArray(value.elements) || value.elements.length < 1 || value.elements.length > 10) {
      problems.push(`${where}.elements: 1 to 10 items`);
    } else {
      value.elements.forEach((element, index) => {
        problems.push(...textObject(element, `${where}.elements[${index}]`, 3000));
      });
    }
  }
  return problems;
}

function blocks(value: unknown, where: string): { problems: string[]; count: number } {
  if (value === undefined) return { problems: [], count: 0 };
  if (!Array.isArray(value)) return { problems: [`${where}: not an array`], count: 0 };
  return { problems: value.flatMap((each, index) => block(each, `${where}[${index}]`)), count: value.length };
}

/** Validates a webhook or `chat.postMessage` body. */
export function validateSlackMessage(payload: unknown, mode: 'webhook' | 'bot'): ValidationResult {
  if (!isObject(payload)) return { error: 'invalid_payload', problems: ['body is not a JSON object'] };
  const allowed = mode === 'bot' ? botKeys : webhookKeys;
  const unknown = Object.keys(payload).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    return { error: 'invalid_payload', problems: [`unknown keys ${unknown.join(', ')}`] };
  // Our renderer always sends the fallback text, though Slack itself would accept blocks alone.
  if (typeof payload.text !== 'string' || payload.text.trim() === '')
    return { error: 'no_text', problems: ['no text'] };
  if (payload.text.length > 40_000) return { error: 'msg_too_long', problems: ['text > 40 000'] };
  const top = blocks(payload.blocks, 'blocks');
  const problems = [...top.problems, ...mrkdwnProblems(payload.text, 'text')];
  let total = top.count;
  const attachments = payload.attachments ?? [];
  if (!Array.isArray(attachments))
    return { error: 'invalid_payload', problems: ['attachments not an array'] };
  if (attachments.length > 100) return { error: 'too_many_attachments', problems: ['> 100 attachments'] };
  for (const [index, attachment] of attachments.entries()) {
    const where = `attachments[${index}]`;
    if (!isObject(attachment)) {
      problems.push(`${where}: not an object`);
      continue;
    }
    for (const key of Object.keys(attachment)) {
      if (!['color', 'blocks', 'fallback'].includes(key)) problems.push(`${where}: unknown key ${key}`);
    }
    const color = attachment.color;
    if (typeof color !== 'string' || !/^(#[0-9a-fA-F]{6}|good|warning|danger)$/.test(color)) {
      problems.push(`${where}.color: not good|warning|danger|#rrggbb`);
    }
    const inner = blocks(attachment.blocks, `${where}.blocks`);
    problems.push(...inner.problems);
    total += inner.count;
  }
  if (total > 50) problems.push(`${total} blocks > 50`);
  if (problems.length === 0) return { problems };
  const unsafe = problems.every((problem) => /unescaped markup|raw '/.test(problem));
  return { error: unsafe ? 'unsafe_mrkdwn' : 'invalid_blocks', problems };
}
