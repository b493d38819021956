import fc from 'fast-check';

// Inputs an attacker (or a careless file author) would try, mixed by fast-check into random text.

/** Keys that reach `Object.prototype` or shadow its members when a parser or merge is careless. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
] as const;

/**
 * Markup that would become a mention, a link, a header or a template expansion in some channel:
 * Slack mrkdwn, Telegram HTML and MarkdownV2, Teams markdown, HTML, email headers, template syntax.
 */
export const INJECTIONS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U024BE7LH>',
  '<#C024BE7LR>',
  '<https://evil.example|click here>',
  '<javascript:alert(1)|x>',
  '@channel',
  '*bold*',
  '_italic_',
  '~strike~',
  '`code`',
  '```block```',
  '> quote',
  '<b>bold</b>',
  '<a href="https://evil.example">x</a>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&amp;',
  '&lt;',
  '&#x3C;',
  '[click here](https://evil.example)',
  '![img](https://evil.example/x.png)',
  '[x]: https://evil.example',
  '<at>Admin</at>',
  '**bold**',
  '\\',
  '\\*',
  '*_[]()~`>#+-=|{}.!',
  '||spoiler||',
  '\r\nBcc: victim@evil.example',
  '\nSubject: pwned',
  '\r\n\r\n<html>',
  '\u2028',
  '\u0085',
  '{{labels.secret}}',
  '{{ value }}',
  '$&',
  '$1',
  "$'",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: config interpolation syntax, as an attacker would send it.
  '${PATH}',
  '%s%n',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\u0000',
] as const;

/** One UTF-16 surrogate alone: not valid Unicode, but any JS string and any JSON `\ud800` escape can hold it. */
export const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

const controlCharacter = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));

const piece = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...PROTOTYPE_KEYS),
  loneSurrogate,
  controlCharacter,
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
);

/** A short string built from hostile pieces. */
export function hostileString(maxPieces = 6): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));
}

/** A long string (`min` to `max` UTF-16 units) repeating a hostile seed. */
export function hugeString(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(hostileString(3), fc.integer({ min, max }))
    .map(([seed, length]) =>
      (seed === '' ? 'x' : seed).repeat(Math.ceil(length / Math.max(1, seed.length))).slice(0, length),
    );
}

/** An object key: a word from `vocabulary` (so validation gets past the top level), a prototype key, or junk. */
export function hostileKey(vocabulary: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: hostileString(3) },
  );
}

const leaf = fc.oneof(
  hostileString(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 1e308, 2 ** 53 + 2, -1, 0),
);

/**
 * Plain data as a JSON or YAML parser would produce it, with keys from `vocabulary`, prototype keys and
 * junk, and leaves from `leaves` besides hostile strings and odd numbers. `__proto__` keys are own
 * properties (as `JSON.parse` makes them), never a changed prototype.
 */
export function hostileTree(
  vocabulary: readonly string[],
  leaves: readonly fc.Arbitrary<unknown>[] = [],
): fc.Arbitrary<unknown> {
  const key = hostileKey(vocabulary);
  const leafValue = leaves.length === 0 ? leaf : fc.oneof(leaf, ...leaves);
  return fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leafValue, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc
      .array(fc.tuple(key, tie('value')), { maxLength: 6 })
      .map((entries) => Object.fromEntries(entries)),
  })).object;
}

/** `levels` arrays inside each other around `inner`: what a stack-overflow attack sends. */
export function nestedArrays(levels: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

/** `levels` objects inside each other (`{"a":{"a":…}}`) around `inner`. */
export function nestedObjects(levels: number, inner: unknown = 1, key = 'a'): unknown {
  let value = inner;
  for (let level = 0; level < levels; level += 1) value = { [key]: value };
  return value;
}

/** JSON.stringify that survives whatever the fuzzer made (bigints, cycles), for before/after comparisons. */
export function stableText(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return `${item}n`;
    if (typeof item === 'number' && !Number.isFinite(item)) return String(item);
    if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) return '[cycle]';
      seen.add(item);
    }
    return item;
  });
}

/** Runs `action` and reports how it ended, sync throws included. */
export async function settle<T>(
  action: () => T | Promise<T>,
): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error };
  }
}
