import { describe, expect, it } from 'vitest';
import { groupingPath, redactUrl } from './convert-to-grouping-path.js';

describe('groupingPath', () => {
  it('puts job first and encodes values', () => {
    expect(groupingPath('http://127.0.0.1:9091/', 'weather mcp', { instance: 'host:42', stage: 'dev' })).toBe(
      'http://127.0.0.1:9091/metrics/job/weather%20mcp/instance/host%3A42/stage/dev',
    );
  });

  it('uses base64url for values with a slash and for empty values', () => {
    expect(groupingPath('http://gw', 'a/b', { instance: '' })).toBe(
      'http://gw/metrics/job@base64/YS9i/instance@base64/=',
    );
  });
});

describe('redactUrl', () => {
  it('drops credentials and the query', () => {
    expect(redactUrl('https://user:pw@gw.example:9091/metrics/job/x?token=t')).toBe(
      'https://gw.example:9091/metrics/job/x',
    );
  });
});
