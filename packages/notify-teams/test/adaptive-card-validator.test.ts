import { canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { buildAdaptiveCardPayload } from '../src/convert-to-adaptive-card.js';
import { validateWorkflowBody } from './adaptive-card-validator.js';

// The receiver is only worth something if it refuses what Teams would not render.
const valid = () =>
  JSON.parse(
    JSON.stringify(
      buildAdaptiveCardPayload(canonicalNotifications.criticalFiring, 1, Number.POSITIVE_INFINITY),
    ),
  ) as {
    attachments: {
      contentType: string;
      contentUrl?: null;
      content: Record<string, unknown> & { body: Record<string, unknown>[] };
    }[];
  } & Record<string, unknown>;
const check = (payload: unknown) => validateWorkflowBody(new TextEncoder().encode(JSON.stringify(payload)));

describe('the local receiver’s Adaptive Card check', () => {
  it('accepts what the notifier renders', () => {
    expect(check(valid())).toEqual([]);
  });

  it.each([
    [
      'version 1.5',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.version = '1.5';
      },
      /above 1.4/,
    ],
    [
      'version 2.0',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.version = '2.0';
      },
      /above 1.4/,
    ],
    [
      'no version',
      (p: ReturnType<typeof valid>) => {
        delete p.attachments[0]!.content.version;
      },
      /version is required/,
    ],
    [
      'a hex colour',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.body[0]!.color = '#FF0000';
      },
      /is not one of default\|dark/,
    ],
    [
      'a Table (1.5 element)',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.body.push({ type: 'Table', columns: [] });
      },
      /"Table" is not allowed/,
    ],
    [
      'an ActionSet',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.body.push({ type: 'ActionSet', actions: [] });
      },
      /not allowed/,
    ],
    [
      'Action.Execute',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.actions = [{ type: 'Action.Execute', title: 'x' }];
      },
      /must be an Action.OpenUrl/,
    ],
    [
      'an OpenUrl without url',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.actions = [{ type: 'Action.OpenUrl', title: 'x' }];
      },
      /url must be an absolute/,
    ],
    [
      'a fact without title',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.body[1] = { type: 'FactSet', facts: [{ value: 'x' }] };
      },
      /title must be a string/,
    ],
    [
      'an empty FactSet',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.body[1] = { type: 'FactSet', facts: [] };
      },
      /non-empty/,
    ],
    [
      'a TextBlock without text',
      (p: ReturnType<typeof valid>) => {
        delete p.attachments[0]!.content.body[0]!.text;
      },
      /text is required/,
    ],
    [
      'an unknown property',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.content.body[0]!.colour = 'good';
      },
      /unknown property "colour"/,
    ],
    [
      'a wrong contentType',
      (p: ReturnType<typeof valid>) => {
        p.attachments[0]!.contentType = 'application/json';
      },
      /contentType/,
    ],
    [
      'no contentUrl',
      (p: ReturnType<typeof valid>) => {
        delete p.attachments[0]!.contentUrl;
      },
      /contentUrl must be null/,
    ],
    [
      'a plain {text} body',
      (p: ReturnType<typeof valid>) => void Object.assign(p, { type: undefined, text: 'hi' }),
      /body.type must be "message"/,
    ],
  ])('refuses %s', (_, mutate, problem) => {
    const payload = valid();
    mutate(payload);
    expect(check(payload).join('\n')).toMatch(problem);
  });

  it('measures UTF-8 bytes: 9 400 three-byte characters (28 200 bytes) are refused', () => {
    const payload = valid();
    payload.attachments[0]!.content.body[0]!.text = '工'.repeat(9_400);
    expect(JSON.stringify(payload).length).toBeLessThan(28_000);
    expect(check(payload)[0]).toMatch(/over the 28000-byte Teams limit/);
  });
});
