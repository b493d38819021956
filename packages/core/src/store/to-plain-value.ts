/** JSON-compatible data: what the in-memory backend keeps of attribute and body values. */
export type PlainValue =
  | string
  | number
  | boolean
  | null
  | readonly PlainValue[]
  | { readonly [key: string]: PlainValue };

/** Attributes as plain data. */
export type PlainAttributes = Readonly<Record<string, PlainValue>>;

/** Nesting deeper than this is cut: it also ends cycles, which OTel's `AnyValue` does not forbid. */
const MAX_DEPTH = 8;

/** Marker for a value cut at {@link MAX_DEPTH}. */
const TOO_DEEP = '[too deep]';

/**
 * Copies an OTel `AnyValue` into plain data. Strings, finite and non-finite numbers and booleans are kept;
 * `undefined` becomes null; bigint becomes its decimal string; a `Uint8Array` becomes base64; a `Date` its
 * ISO string; an `Error` `"Name: message"`; arrays and objects are copied recursively up to 8 levels.
 */
export function toPlainValue(value: unknown, depth = 0): PlainValue {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? null : objectToPlain(value, depth);
    default:
      // Functions and symbols are not valid AnyValues; keep a readable trace of what was passed.
      return String(value);
  }
}

/**
 * Copies OTel attributes into plain data; keys whose value is `undefined` are left out, as the SDK does.
 */
export function toPlainAttributes(
  attributes: Readonly<Record<string, unknown>> | undefined,
): PlainAttributes {
  const copy: Record<string, PlainValue> = {};
  if (attributes === undefined) return copy;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value !== undefined) copy[key] = toPlainValue(value, 1);
  }
  return copy;
}

/** Renders a log body as one string: strings as is, nothing as `''`, anything else as JSON of its plain copy. */
export function bodyToString(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body === undefined || body === null) return '';
  const plain = toPlainValue(body);
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}

function objectToPlain(value: object, depth: number): PlainValue {
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (Array.isArray(value)) return value.map((item: unknown) => toPlainValue(item, depth + 1));
  const copy: Record<string, PlainValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) copy[key] = toPlainValue(item, depth + 1);
  }
  return copy;
}
