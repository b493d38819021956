// Checkers that read a rendered message the way the channel would and list what a hostile value managed
// to become: a mention, a link, a tag, a header. Each returns problems as text; [] means safe.

/** Tokens the Slack renderer itself emits: the date token and its Runbook / Dashboard links. */
const SLACK_OWN_TOKENS = [
  /<!date\^\d+\^\{date_num\} \{time_secs\}\|[^<>]*>/g,
  /<https?:\/\/[^\s<>|]+\|(?:Runbook|Dashboard)>/g,
];

/** Slack mrkdwn: outside the renderer's own tokens no `<` or `>` (mentions, links) and no bare `&`. */
export function slackMrkdwnProblems(text: string): string[] {
  let rest = text;
  for (const token of SLACK_OWN_TOKENS) rest = rest.replace(token, '');
  const problems: string[] = [];
  const control = /[<>]/.exec(rest);
  if (control !== null)
    problems.push(
      `unescaped ${control[0]} near ${JSON.stringify(rest.slice(Math.max(0, control.index - 20), control.index + 20))}`,
    );
  if (/&(?!amp;|lt;|gt;)/.test(rest)) problems.push('bare & (Slack would decode an entity)');
  return problems;
}

/** Decodes Slack's three entities: what a reader sees of escaped mrkdwn. */
export function decodeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Teams markdown (Adaptive Card TextBlock and Fact): no link or image other than the renderer's own. */
export function teamsMarkdownProblems(text: string): string[] {
  const rest = text.replace(/\[(?:Runbook|Dashboard)\]\(https?:\/\/[^\s)]+\)/g, '');
  return /\]\(/.test(rest) ? [`a markdown link or image: ${JSON.stringify(rest.slice(0, 120))}`] : [];
}

/** Telegram HTML, parsed as the Bot API does: its tags, entities, visible text and link targets. */
export function parseTelegramHtml(html: string): { problems: string[]; visible: string; links: string[] } {
  const problems: string[] = [];
  const links: string[] = [];
  const open: string[] = [];
  let visible = '';
  const tag = /<(\/?)(b|i|code|a)(?: href="([^"<>]*)")?>/g;
  let last = 0;
  const text = (part: string) => {
    if (/[<>]/.test(part)) problems.push(`a raw < or > in text: ${JSON.stringify(part.slice(0, 80))}`);
    if (/&(?!amp;|lt;|gt;|quot;)/.test(part)) problems.push('a bare & or an unknown entity');
    visible += part
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  };
  for (const match of html.matchAll(tag)) {
    text(html.slice(last, match.index));
    last = match.index + match[0].length;
    const [, closing, name = '', href] = match;
    if (closing === '/') {
      if (open.pop() !== name) problems.push(`</${name}> closes nothing`);
    } else {
      if (name === 'a') {
        if (href === undefined) problems.push('<a> without href');
        else
          links.push(
            href
              .replace(/&quot;/g, '"')
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&amp;/g, '&'),
          );
      } else if (href !== undefined) problems.push(`href on <${name}>`);
      open.push(name);
    }
  }
  text(html.slice(last));
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  return { problems, visible, links };
}

const MARKDOWN_V2_RESERVED = new Set('_*[]()~`>#+-=|{}.!');

/**
 * Telegram MarkdownV2, parsed by its published rules: the 18 reserved characters must be escaped outside
 * entities; `*bold*`, `_italic_`, `` `code` `` and `[text](url)` are the entities the renderer uses.
 */
export function parseTelegramMarkdownV2(text: string): {
  problems: string[];
  visible: string;
  links: string[];
} {
  const problems: string[] = [];
  const links: string[] = [];
  const styles: string[] = [];
  let visible = '';
  let inLinkText = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '\\') {
      const next = text[index + 1];
      if (next === undefined) {
        problems.push('a trailing backslash');
        break;
      }
      visible += next;
      index += 2;
      continue;
    }
    if (styles.at(-1) === '`') {
      if (char === '`') styles.pop();
      else visible += char;
      index += 1;
      continue;
    }
    if (!MARKDOWN_V2_RESERVED.has(char)) {
      visible += char;
      index += 1;
      continue;
    }
    if (char === '*' || char === '_') {
      if (text[index + 1] === '_' && char === '_')
        problems.push('__ (underline) is not emitted by the renderer');
      if (styles.at(-1) === char) styles.pop();
      else styles.push(char);
      index += 1;
    } else if (char === '`') {
      styles.push('`');
      index += 1;
    } else if (char === '[' && !inLinkText) {
      inLinkText = true;
      index += 1;
    } else if (char === ']' && inLinkText && text[index + 1] === '(') {
      inLinkText = false;
      let url = '';
      index += 2;
      while (index < text.length && text[index] !== ')') {
        if (text[index] === '\\') index += 1;
        url += text[index] ?? '';
        index += 1;
      }
      if (text[index] !== ')') problems.push('an unclosed link target');
      links.push(url);
      index += 1;
    } else {
      problems.push(
        `unescaped ${char} at ${index}: ${JSON.stringify(text.slice(Math.max(0, index - 20), index + 20))}`,
      );
      index += 1;
    }
  }
  if (styles.length > 0) problems.push(`unclosed ${styles.join(' ')}`);
  if (inLinkText) problems.push('an unclosed [');
  return { problems, visible, links };
}

const EMAIL_TAGS =
  /<!DOCTYPE html>|<\/?(?:html|head|body|h2|table|tr|th|td|div|p|span|strong|br)(?: (?:style|align|role|cellspacing|cellpadding)="[^"<>]*")*>|<meta (?:charset|name|content)="[^"<>]*"(?: (?:name|content)="[^"<>]*")*>|<a href="https?:\/\/[^"<>\s]*">|<\/a>/g;

/** The email HTML: only the template's own tags and attributes, no `<` `>` left in text, links http(s). */
export function emailHtmlProblems(html: string): string[] {
  const rest = html.replace(EMAIL_TAGS, '');
  const control = /[<>]/.exec(rest);
  return control === null
    ? []
    : [
        `markup outside the template near ${JSON.stringify(rest.slice(Math.max(0, control.index - 30), control.index + 30))}`,
      ];
}

/** An email header value: one line, no control characters (CR/LF would start a new header). */
export function headerValueProblems(name: string, value: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value) ? [`${name} holds a control character`] : [];
}

/** Whether a link target is an absolute http(s) URL (what every renderer promises). */
export function isHttpUrl(url: string): boolean {
  return URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
}
