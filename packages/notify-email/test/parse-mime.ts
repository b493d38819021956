/**
 * A minimal MIME reader for the tests (mailparser does not install here): header unfolding and
 * RFC 2047 encoded words, multipart boundaries, and quoted-printable / base64 bodies in UTF-8. Strict
 * where the tests need it to be: it throws on malformed structure instead of guessing.
 */

export interface MimePart {
  /** Header names in lower case, each with its raw (unfolded) values in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  /** The raw header block, as received. */
  readonly rawHeaders: string;
  /** `type/subtype`, lower case. */
  readonly contentType: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** The decoded body of a leaf part. */
  readonly body: string;
  /** The sub-parts of a multipart part, in order. */
  readonly parts: readonly MimePart[];
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); whitespace between words goes. */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(word, (_, charset: string, encoding: string, text: string) => {
      if (!/^utf-8$/i.test(charset)) throw new Error(`unexpected charset ${charset}`);
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : decodeQuotedPrintableBytes(text.replace(/_/g, ' '));
      return bytes.toString('utf8');
    });
}

function decodeQuotedPrintableBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Quoted-printable (RFC 2045 §6.7): soft line breaks dropped, `=XX` octets decoded as UTF-8. */
export function decodeQuotedPrintable(text: string): string {
  return decodeQuotedPrintableBytes(text.replace(/=\r\n/g, '')).toString('utf8');
}

function parseHeaders(block: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const unfolded = block.replace(/\r\n(?=[ \t])/g, '');
  for (const line of unfolded.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function parseContentType(value: string | undefined): { type: string; parameters: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const parameters: Record<string, string> = {};
  for (const parameter of rest) {
    const equals = parameter.indexOf('=');
    if (equals < 0) continue;
    parameters[parameter.slice(0, equals).trim().toLowerCase()] = parameter
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), parameters };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case '7bit':
    case '8bit':
      return body;
    default:
      throw new Error(`unexpected Content-Transfer-Encoding ${encoding}`);
  }
}

/** Parses a whole message (or one part of it). Line ends must be CRLF, as SMTP carries them. */
export function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('no blank line between headers and body');
  const rawHeaders = raw.slice(0, split);
  const headers = parseHeaders(rawHeaders);
  const body = raw.slice(split + 4);
  const { type, parameters } = parseContentType(headers.get('content-type')?.[0]);
  if (type.startsWith('multipart/')) {
    const boundary = parameters.boundary;
    if (!boundary) throw new Error('multipart without boundary');
    const delimiter = `--${boundary}`;
    const end = body.indexOf(`${delimiter}--`);
    if (end < 0) throw new Error(`multipart without closing delimiter ${delimiter}--`);
    const sections = body.slice(0, end).split(`${delimiter}\r\n`).slice(1);
    const parts = sections.map((section) => parseMime(section.replace(/\r\n$/, '')));
    return { headers, rawHeaders, contentType: type, parameters, body: '', parts };
  }
  const decoded = decodeBody(body, headers.get('content-transfer-encoding')?.[0]);
  return { headers, rawHeaders, contentType: type, parameters, body: decoded, parts: [] };
}

/** The single decoded value of a header; throws when it is missing or repeated. */
export function header(part: MimePart, name: string): string {
  const values = part.headers.get(name.toLowerCase()) ?? [];
  if (values.length !== 1) throw new Error(`expected one ${name} header, got ${values.length}`);
  return decodeEncodedWords(values[0]!);
}
