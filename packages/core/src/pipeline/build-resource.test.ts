import { describe, expect, it } from 'vitest';
import { buildResource, resolveService } from './build-resource.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('service.instance.id', () => {
  it('is the option when given, over OTEL_RESOURCE_ATTRIBUTES', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=replica-7' };
    const service = resolveService({ instanceId: 'pod-a' }, env);
    expect(buildResource(service, env).attributes['service.instance.id']).toBe('pod-a');
  });

  it('comes from OTEL_RESOURCE_ATTRIBUTES without the option', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=replica-7' };
    expect(buildResource(resolveService(undefined, env), env).attributes['service.instance.id']).toBe(
      'replica-7',
    );
  });

  it('is otherwise a random UUID, the same for every pipeline of the process', () => {
    const first = resolveService(undefined, {}).instanceId;
    expect(first).toMatch(UUID);
    expect(resolveService({ name: 'other' }, {}).instanceId).toBe(first);
    expect(buildResource(resolveService(undefined, {}), {}).attributes['service.instance.id']).toBe(first);
  });
});
