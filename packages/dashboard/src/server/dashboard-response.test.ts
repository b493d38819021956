import { describe, expect, it } from 'vitest';
import { json } from './dashboard-response.js';

describe('json', () => {
  it('redacts secrets through core before anything leaves the process', () => {
    const response = json(200, {
      annotations: { summary: 'login failed with Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345' },
      details: { password: 'hunter2', url: 'https://user:pa55word@db.internal/x' },
    });
    expect(response.kind).toBe('body');
    const body = response.kind === 'body' ? response.body : '';
    expect(body).not.toContain('abcdefghijklmnopqrstuvwxyz012345');
    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('pa55word');
    expect(body).toContain('[REDACTED]');
  });
});
