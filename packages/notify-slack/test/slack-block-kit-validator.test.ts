// biome-ignore-all lint/suspicious/noExplicitAny: each case mutates a deep clone of a message to break one rule.
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { convertToBlockKit } from '../src/index.js';
import { validateSlackMessage } from './slack-block-kit-validator.js';

// The receiver is only worth something if it rejects what Slack rejects: each case breaks one rule.
const good = () => structuredClone(convertToBlockKit(canonicalNotifications.criticalFiring)) as any;
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('the Block Kit validator used by the fake Slack', () => {
  it('accepts what the renderer makes', () => {
    expect(validateSlackMessage(good(), 'webhook')).toEqual({ problems: [] });
  });

  it.each([
    [
      '51 blocks',
      (m: any) => m.attachments[0].blocks.push(...Array.from({ length: 49 }, () => section('x'))),
      'invalid_blocks',
    ],
    ['a header of 151 characters', (m: any) => (m.blocks[0].text.text = 'h'.repeat(151)), 'invalid_blocks'],
    ['a mrkdwn header', (m: any) => (m.blocks[0].text.type = 'mrkdwn'), 'invalid_blocks'],
    [
      'section text of 3001 characters',
      (m: any) => m.attachments[0].blocks.push(section('s'.repeat(3001))),
      'invalid_blocks',
    ],
    [
      '11 fields',
      (m: any) =>
        (m.attachments[0].blocks[0].fields = Array.from({ length: 11 }, () => ({
          type: 'mrkdwn',
          text: 'f',
        }))),
      'invalid_blocks',
    ],
    [
      'a field of 2001 characters',
      (m: any) => (m.attachments[0].blocks[0].fields[0].text = 'f'.repeat(2001)),
      'invalid_blocks',
    ],
    ['an empty text', (m: any) => m.attachments[0].blocks.push(section('')), 'invalid_blocks'],
    ['an unknown block type', (m: any) => m.blocks.push({ type: 'table' }), 'invalid_blocks'],
    [
      'a text object of type markdown',
      (m: any) => m.attachments[0].blocks.push({ type: 'section', text: { type: 'markdown', text: 'x' } }),
      'invalid_blocks',
    ],
    [
      'emoji on mrkdwn',
      (m: any) =>
        m.attachments[0].blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }),
      'invalid_blocks',
    ],
    ['a colour name Slack does not know', (m: any) => (m.attachments[0].color = 'red'), 'invalid_blocks'],
    [
      'a context with 11 elements',
      (m: any) =>
        m.attachments[0].blocks.push({
          type: 'context',
          elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })),
        }),
      'invalid_blocks',
    ],
    ['no fallback text', (m: any) => delete m.text, 'no_text'],
    ['an unknown top-level key', (m: any) => (m.icon_emoji = ':x:'), 'invalid_payload'],
    [
      '101 attachments',
      (m: any) => (m.attachments = Array.from({ length: 101 }, () => m.attachments[0])),
      'too_many_attachments',
    ],
    [
      'a raw <!channel> in mrkdwn',
      (m: any) => m.attachments[0].blocks.push(section('hi <!channel>')),
      'unsafe_mrkdwn',
    ],
    ['a raw <@U123> in the fallback text', (m: any) => (m.text += ' <@U123>'), 'unsafe_mrkdwn'],
    ['a raw &', (m: any) => m.attachments[0].blocks.push(section('a & b')), 'unsafe_mrkdwn'],
  ])('rejects %s', (_, mutate, error) => {
    const message = good();
    mutate(message);
    expect(validateSlackMessage(message, 'webhook').error).toBe(error);
  });

  it('knows the bot-mode keys and refuses them on a webhook', () => {
    const message = { ...good(), channel: 'C1', thread_ts: '1.2' };
    expect(validateSlackMessage(message, 'bot').error).toBeUndefined();
    expect(validateSlackMessage(message, 'webhook').error).toBe('invalid_payload');
  });
});
