/**
 * Checks a received alert mail against RFC 5322 / RFC 2045-2047 and the shape this package promises,
 * and returns its decoded parts. Throws with what is wrong.
 */
import { header, type MimePart, parseMime } from './parse-mime.js';

export interface AlertMail {
  readonly message: MimePart;
  readonly subject: string;
  readonly messageId: string;
  readonly inReplyTo: string;
  readonly references: string;
  readonly text: string;
  readonly html: string;
}

const msgId = /^<[^<>@\s]+@[^<>@\s]+>$/;

function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(`invalid alert mail: ${problem}`);
}

export function validateAlertMail(raw: string): AlertMail {
  check(!/[^\r]\n/.test(raw) && !/\r(?!\n)/.test(raw), 'line ends must be CRLF');
  // Without SMTPUTF8 every octet is 7-bit: non-ASCII travels as encoded words, QP or base64.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking the byte range is the point.
  check(/^[\u0000-\u007f]*$/.test(raw), 'message has 8-bit content');
  for (const line of raw.split('\r\n')) check(line.length <= 998, `line over 998 octets (RFC 5322 2.1.1)`);

  const message = parseMime(raw);
  for (const name of ['From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version']) header(message, name);
  check(!message.headers.has('bcc'), 'a Bcc header must never be sent');
  const messageId = header(message, 'Message-ID');
  const inReplyTo = header(message, 'In-Reply-To');
  const references = header(message, 'References');
  check(msgId.test(messageId), `Message-ID ${messageId} is not <local@domain>`);
  check(msgId.test(inReplyTo), `In-Reply-To ${inReplyTo} is not <local@domain>`);
  for (const id of references.split(/\s+/))
    check(msgId.test(id), `References entry ${id} is not <local@domain>`);

  check(message.contentType === 'multipart/alternative', `top-level type is ${message.contentType}`);
  check(message.parts.length === 2, `expected 2 alternatives, got ${message.parts.length}`);
  const [text, html] = message.parts as [MimePart, MimePart];
  // RFC 2046 5.1.4: alternatives in increasing order of preference, so plain text first.
  check(text.contentType === 'text/plain', `first alternative is ${text.contentType}`);
  check(html.contentType === 'text/html', `second alternative is ${html.contentType}`);
  for (const part of [text, html])
    check(/^utf-8$/i.test(part.parameters.charset ?? ''), 'charset must be utf-8');

  return {
    message,
    subject: header(message, 'Subject'),
    messageId,
    inReplyTo,
    references,
    text: text.body,
    html: html.body,
  };
}
