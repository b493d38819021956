// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';

describe('the sampling section', () => {
  it('becomes the sampling option, with interpolated numbers and a service instance id', async () => {
    const options = await parseConfig(
      {
        service: { name: 'weather-mcp', instanceId: 'pod-a' },
        sampling: { ratio: '${RATIO}', parentBased: true, keepErrors: true, keepSlowerThanMs: 2000 },
      },
      { env: { RATIO: '0.1' } },
    );
    expect(options.sampling).toEqual({
      ratio: 0.1,
      parentBased: true,
      keepErrors: true,
      keepSlowerThanMs: 2000,
    });
    expect(options.service?.instanceId).toBe('pod-a');
  });

  it('refuses a ratio out of range and unknown keys, by field path', async () => {
    const error = await parseConfig(
      { sampling: { ratio: 2, keepErrors: true, tail: true } },
      { env: {} },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const message = String((error as Error).message);
    expect(message).toMatch(/sampling\.ratio/);
    expect(message).toMatch(/tail/);
  });
});
