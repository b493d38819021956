import { describe, expect, it } from 'vitest';
import { batchOptionsFromEnv } from './batch-options-from-env.js';

describe('batchOptionsFromEnv', () => {
  it('reads the span and log variables by their own prefix', () => {
    const env = {
      OTEL_BSP_SCHEDULE_DELAY: '250',
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_BLRP_EXPORT_TIMEOUT: '900',
    };
    expect(batchOptionsFromEnv(env, 'OTEL_BSP')).toEqual({ scheduledDelayMillis: 250, maxQueueSize: 100 });
    expect(batchOptionsFromEnv(env, 'OTEL_BLRP')).toEqual({ exportTimeoutMillis: 900 });
  });

  it('ignores invalid values so the SDK default applies', () => {
    expect(
      batchOptionsFromEnv({ OTEL_BSP_SCHEDULE_DELAY: 'soon', OTEL_BSP_MAX_QUEUE_SIZE: '-1' }, 'OTEL_BSP'),
    ).toEqual({});
  });
});
