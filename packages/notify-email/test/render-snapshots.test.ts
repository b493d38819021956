/**
 * The rendered mail for every canonical notification, as files a reviewer can open: the text part
 * (`.txt`), the HTML part (`.html`) and the subject, headers and thread id (`.headers.json`).
 */
import { type CanonicalNotificationName, canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { convertToEmail } from '../src/index.js';

const names = Object.keys(canonicalNotifications) as CanonicalNotificationName[];

describe('rendered email for the canonical notifications', () => {
  it('covers every canonical notification', () => {
    expect(names).toHaveLength(12);
  });

  it.each(names)('%s', async (name) => {
    const content = convertToEmail(canonicalNotifications[name], { messageIdDomain: 'example.com' });
    const base = `./__snapshots__/email/${name}`;
    await expect(content.text).toMatchFileSnapshot(`${base}.txt`);
    await expect(content.html).toMatchFileSnapshot(`${base}.html`);
    const meta = { subject: content.subject, threadId: content.threadId, headers: content.headers };
    await expect(`${JSON.stringify(meta, null, 2)}\n`).toMatchFileSnapshot(`${base}.headers.json`);
  });
});
