import type { AlertFact, NotificationOutline } from './alert-facts.js';

function renderFact(fact: AlertFact, indent: string): string {
  // Multi-line values (descriptions) keep their lines, indented under the label.
  const [first = '', ...rest] = fact.value.split(/\r\n|\r|\n/);
  const continuation = rest.map((line) => `${indent}  ${line}`);
  return [`${indent}${fact.label}: ${first}`, ...continuation].join('\n');
}

/** The text/plain alternative: readable in any client, and what filters and screen readers see first. */
export function renderEmailText(outline: NotificationOutline): string {
  const lines: string[] = [outline.title, ''];
  for (const fact of outline.overview) lines.push(renderFact(fact, ''));
  for (const section of outline.sections) {
    lines.push('', `- ${section.heading}`);
    for (const fact of section.facts) lines.push(renderFact(fact, '  '));
  }
  if (outline.omitted > 0) lines.push('', `… and ${outline.omitted} more alerts not shown.`);
  lines.push('', '-- ', 'Sent by mcp-o11y.');
  return `${lines.join('\n')}\n`;
}
