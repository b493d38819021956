import { clipText } from '@mcp-o11y/core';
import type { Segment } from './message-segments.js';

/** Telegram's limit on a message's text after entity parsing, in UTF-16 code units. */
export const telegramMaxTextLength = 4096;

/** Segments cut to a visible-length budget, and how many alerts did not make it. */
export interface FittedSegments {
  readonly segments: readonly Segment[];
  readonly omittedAlerts: number;
  /** Whether anything was cut or dropped. */
  readonly truncated: boolean;
}

const moreLine = (omitted: number): [string, string] => [
  '\n\n',
  `…and ${omitted} more alert${omitted === 1 ? '' : 's'} not shown`,
];

// A cut segment keeps at least this much text; below it, the segment is dropped instead.
const minimumClip = 12;

/**
 * Keeps segments in order until the visible budget is spent, clipping the segment that crosses it (at
 * a grapheme boundary, so no surrogate pair or emoji sequence is split; links are kept whole or
 * dropped) and appending an "N more alerts" line for alerts none of whose segments made it. Works on
 * plain text, before any markup exists, so no tag or entity can be cut.
 */
export function fitSegments(
  segments: readonly Segment[],
  totalAlerts: number,
  limit: number = telegramMaxTextLength,
): FittedSegments {
  const total = segments.reduce((sum, segment) => sum + segment.text.length, 0);
  if (total <= limit) return { segments, omittedAlerts: 0, truncated: false };

  const budget = limit - moreLine(totalAlerts).join('').length;
  const kept: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    const remaining = budget - used;
    if (segment.text.length <= remaining) {
      kept.push(segment);
      used += segment.text.length;
      continue;
    }
    if (segment.kind === 'text' && remaining >= minimumClip) {
      const text = clipText(segment.text, remaining);
      kept.push({ ...segment, text });
      used += text.length;
    }
    break;
  }
  // An alert counts as shown when its name made it; its separator or icon alone would only confuse.
  const shown = new Set(
    kept.flatMap((segment) =>
      segment.kind === 'text' && segment.style === 'bold' && segment.alert !== undefined
        ? [segment.alert]
        : [],
    ),
  );
  const fitted = kept.filter((segment) => segment.alert === undefined || shown.has(segment.alert));
  // Trailing separators would only leave blank lines before the "more" line.
  while (fitted.length > 0 && fitted.at(-1)!.kind === 'text' && fitted.at(-1)!.text.trim() === '')
    fitted.pop();
  const omittedAlerts = totalAlerts - shown.size;
  if (omittedAlerts > 0) {
    const [separator, line] = moreLine(omittedAlerts);
    fitted.push(
      { kind: 'text', text: separator, style: 'plain' },
      { kind: 'text', text: line, style: 'italic' },
    );
  }
  return { segments: fitted, omittedAlerts, truncated: true };
}
