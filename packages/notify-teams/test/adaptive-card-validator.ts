/**
 * A validator for what a Teams Workflows webhook receives, used by the local receiver. It checks the
 * subset of the Adaptive Card 1.4 schema (adaptivecards.io/schemas/adaptive-card.json) this package
 * emits — strictly: unknown properties, element types outside the subset, hex colours, versions above
 * 1.4 and bodies over 28 KB are all refused. Real Workflows answer 202 to almost anything and fail
 * later, invisibly; a test double that refuses is the only way a broken card fails a test.
 */

/** The 28 KB Teams message limit, read as 28 000 bytes (the stricter reading) of the UTF-8 body. */
export const teamsMaxBodyBytes = 28_000;

const namedColors = ['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'];
const sizes = ['default', 'small', 'medium', 'large', 'extralarge'];
const weights = ['default', 'lighter', 'bolder'];
const spacings = ['none', 'small', 'default', 'medium', 'large', 'extralarge', 'padding'];
const containerStyles = ['default', 'emphasis', 'good', 'attention', 'warning', 'accent'];
const common = ['type', 'id', 'spacing', 'separator', 'isVisible', 'height'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adaptive Card enums are case-insensitive; hex values and other strings are not colours. */
function checkEnum(problems: string[], path: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value.toLowerCase())) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${allowed.join('|')}`);
  }
}

function checkKeys(problems: string[], path: string, value: Json, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.push(`${path}: unknown property "${key}"`);
  }
}

function checkCommon(problems: string[], path: string, element: Json): void {
  checkEnum(problems, `${path}.spacing`, element.spacing, spacings);
  if (element.separator !== undefined && typeof element.separator !== 'boolean') {
    problems.push(`${path}.separator must be a boolean`);
  }
}

function checkHttpUrl(problems: string[], path: string, value: unknown): void {
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    problems.push(`${path} must be an absolute http(s) URL`);
  }
}

function checkElement(problems: string[], path: string, element: unknown): void {
  if (!isObject(element)) {
    problems.push(`${path} must be an object`);
    return;
  }
  checkCommon(problems, path, element);
  switch (element.type) {
    case 'TextBlock':
      checkKeys(problems, path, element, [
        ...common,
        'text',
        'wrap',
        'color',
        'size',
        'weight',
        'isSubtle',
        'maxLines',
        'horizontalAlignment',
        'fontType',
      ]);
      if (typeof element.text !== 'string' || element.text === '') problems.push(`${path}.text is required`);
      checkEnum(problems, `${path}.color`, element.color, namedColors);
      checkEnum(problems, `${path}.size`, element.size, sizes);
      checkEnum(problems, `${path}.weight`, element.weight, weights);
      if (element.wrap !== undefined && typeof element.wrap !== 'boolean')
        problems.push(`${path}.wrap must be a boolean`);
      if (element.isSubtle !== undefined && typeof element.isSubtle !== 'boolean')
        problems.push(`${path}.isSubtle must be a boolean`);
      return;
    case 'FactSet': {
      checkKeys(problems, path, element, [...common, 'facts']);
      const facts = element.facts;
      if (!Array.isArray(facts) || facts.length === 0) {
        problems.push(`${path}.facts must be a non-empty array`);
        return;
      }
      for (const [index, fact] of facts.entries()) {
        const at = `${path}.facts[${index}]`;
        if (!isObject(fact)) {
          problems.push(`${at} must be an object`);
          continue;
        }
        checkKeys(problems, at, fact, ['title', 'value']);
        if (typeof fact.title !== 'string') problems.push(`${at}.title must be a string`);
        if (typeof fact.value !== 'string') problems.push(`${at}.value must be a string`);
      }
      return;
    }
    case 'Container':
    case 'Column':
      checkKeys(problems, path, element, [
        ...common,
        'items',
        'style',
        'width',
        'verticalContentAlignment',
        'bleed',
      ]);
      checkEnum(problems, `${path}.style`, element.style, containerStyles);
      checkItems(problems, `${path}.items`, element.items);
      return;
    case 'ColumnSet':
      checkKeys(problems, path, element, [...common, 'columns', 'style']);
      if (!Array.isArray(element.columns)) return void problems.push(`${path}.columns must be an array`);
      element.columns.forEach((column, index) => {
        if (!isObject(column) || column.type !== 'Column')
          problems.push(`${path}.columns[${index}] must be a Column`);
        else checkElement(problems, `${path}.columns[${index}]`, column);
      });
      return;
    default:
      problems.push(
        `${path}: element type ${JSON.stringify(element.type)} is not allowed (TextBlock, FactSet, Container, ColumnSet)`,
      );
  }
}

function checkItems(problems: string[], path: string, items: unknown): void {
  if (!Array.isArray(items) || items.length === 0) {
    problems.push(`${path} must be a non-empty array`);
    return;
  }
  items.forEach((item, index) => {
    if (isObject(item) && item.type === 'Column')
      problems.push(`${path}[${index}]: a Column belongs in a ColumnSet`);
    else checkElement(problems, `${path}[${index}]`, item);
  });
}

/** Checks an Adaptive Card object; returns the problems found (empty when valid). */
export function validateAdaptiveCard(card: unknown, path = 'card'): string[] {
  const problems: string[] = [];
  if (!isObject(card)) return [`${path} must be an object`];
  checkKeys(problems, path, card, [
    '$schema',
    'type',
    'version',
    'body',
    'actions',
    'msteams',
    'fallbackText',
  ]);
  if (card.type !== 'AdaptiveCard') problems.push(`${path}.type must be "AdaptiveCard"`);
  const version = typeof card.version === 'string' ? /^(\d+)\.(\d+)$/.exec(card.version) : null;
  if (!version) problems.push(`${path}.version is required ("1.4")`);
  else if (Number(version[1]) !== 1 || Number(version[2]) > 4) {
    problems.push(
      `${path}.version ${card.version} is above 1.4: Teams shows "this card couldn't be displayed"`,
    );
  }
  checkItems(problems, `${path}.body`, card.body);
  if (card.actions !== undefined) {
    if (!Array.isArray(card.actions)) problems.push(`${path}.actions must be an array`);
    else {
      if (card.actions.length > 6) problems.push(`${path}.actions: Teams shows at most 6 actions`);
      for (const [index, action] of card.actions.entries()) {
        const at = `${path}.actions[${index}]`;
        if (!isObject(action) || action.type !== 'Action.OpenUrl') {
          problems.push(`${at} must be an Action.OpenUrl`);
          continue;
        }
        checkKeys(problems, at, action, ['type', 'title', 'url', 'id', 'style']);
        if (typeof action.title !== 'string' || action.title === '') problems.push(`${at}.title is required`);
        checkHttpUrl(problems, `${at}.url`, action.url);
      }
    }
  }
  if (card.msteams !== undefined && !(isObject(card.msteams) && card.msteams.width === 'Full')) {
    problems.push(`${path}.msteams must be { width: "Full" }`);
  }
  return problems;
}

/** Checks a whole Workflows request body (raw bytes): size, JSON, the message envelope and each card. */
export function validateWorkflowBody(body: Uint8Array): string[] {
  if (body.byteLength > teamsMaxBodyBytes) {
    return [`body is ${body.byteLength} bytes, over the ${teamsMaxBodyBytes}-byte Teams limit`];
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    return [`body is not UTF-8 JSON: ${String(error)}`];
  }
  if (!isObject(payload)) return ['body must be a JSON object'];
  if (payload.type !== 'message') {
    return [
      'body.type must be "message" (a MessageCard or {"text":…} body makes the flow fail with attachments of type Null)',
    ];
  }
  const attachments = payload.attachments;
  if (!Array.isArray(attachments) || attachments.length === 0)
    return ['body.attachments must be a non-empty array'];
  return attachments.flatMap((attachment, index) => {
    const at = `attachments[${index}]`;
    if (!isObject(attachment)) return [`${at} must be an object`];
    const problems: string[] = [];
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') {
      problems.push(`${at}.contentType must be application/vnd.microsoft.card.adaptive`);
    }
    if (!('contentUrl' in attachment) || attachment.contentUrl !== null)
      problems.push(`${at}.contentUrl must be null`);
    return [...problems, ...validateAdaptiveCard(attachment.content, `${at}.content`)];
  });
}
