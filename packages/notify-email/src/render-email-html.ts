import type { SeverityV1 } from '@mcp-o11y/core';
import { type AlertFact, type AlertSection, type NotificationOutline, severityLabel } from './alert-facts.js';
import { escapeHtml } from './sanitize.js';

/** Badge colours; resolved alerts are green whatever their severity. Inline styles: mail clients drop <style>. */
const severityColour: Readonly<Record<SeverityV1, string>> = {
  critical: '#b71c1c',
  high: '#e65100',
  medium: '#f9a825',
  low: '#1565c0',
};
const resolvedColour = '#2e7d32';

const cell = 'padding:2px 12px 2px 0;vertical-align:top;';

function renderValue(fact: AlertFact): string {
  const text = escapeHtml(fact.value).replace(/\r\n|\r|\n/g, '<br>');
  return fact.href ? `<a href="${escapeHtml(fact.href)}">${text}</a>` : text;
}

function renderFacts(facts: readonly AlertFact[]): string {
  const rows = facts.map(
    (fact) =>
      `<tr><th align="left" style="${cell}color:#555;font-weight:normal;">${escapeHtml(fact.label)}</th>` +
      `<td style="${cell}">${renderValue(fact)}</td></tr>`,
  );
  return `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;">\n${rows.join('\n')}\n</table>`;
}

function renderSection(section: AlertSection): string {
  const colour = section.status === 'resolved' ? resolvedColour : severityColour[section.severity];
  const badge = section.status === 'resolved' ? 'RESOLVED' : severityLabel(section.severity);
  return [
    `<div style="margin:16px 0;padding-left:12px;border-left:4px solid ${colour};">`,
    `<p style="margin:0 0 4px 0;"><span style="color:${colour};font-weight:bold;">${badge}</span> ` +
      `<strong>${escapeHtml(section.heading)}</strong></p>`,
    renderFacts(section.facts),
    '</div>',
  ].join('\n');
}

/**
 * The text/html alternative. Every value from the notification is HTML-escaped (labels and annotations
 * are not trusted markup) and links are limited to http(s) URLs.
 */
export function renderEmailHtml(
  outline: NotificationOutline,
  status: 'firing' | 'resolved',
  severity: SeverityV1,
): string {
  const colour = status === 'resolved' ? resolvedColour : severityColour[severity];
  const parts = [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"></head>',
    '<body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:14px;">',
    `<h2 style="margin:0 0 8px 0;color:${colour};">${escapeHtml(outline.title)}</h2>`,
    renderFacts(outline.overview),
    ...outline.sections.map(renderSection),
  ];
  if (outline.omitted > 0) parts.push(`<p>… and ${outline.omitted} more alerts not shown.</p>`);
  parts.push('<p style="color:#777;font-size:12px;">Sent by mcp-o11y.</p>', '</body></html>');
  return `${parts.join('\n')}\n`;
}
