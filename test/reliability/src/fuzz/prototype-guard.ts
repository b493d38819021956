/**
 * The built-in prototypes a prototype-pollution bug would write to. Snapshotting their own property
 * descriptors (not just `({}).polluted`) also catches a changed `toString` or a new accessor.
 */
const GUARDED: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Error.prototype', Error.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
];

type Snapshot = ReadonlyMap<string, ReadonlyMap<PropertyKey, PropertyDescriptor>>;

/** The own property descriptors of every guarded prototype, plus each prototype's own prototype. */
export function snapshotPrototypes(): Snapshot {
  const snapshot = new Map<string, Map<PropertyKey, PropertyDescriptor>>();
  for (const [name, prototype] of GUARDED) {
    const descriptors = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(prototype)) {
      descriptors.set(key, Object.getOwnPropertyDescriptor(prototype, key) as PropertyDescriptor);
    }
    descriptors.set('[[Prototype]]', { value: Object.getPrototypeOf(prototype) });
    snapshot.set(name, descriptors);
  }
  return snapshot;
}

/** What changed since `before`: `Object.prototype.polluted added`, …; empty when nothing did. */
export function prototypeChanges(before: Snapshot): string[] {
  const changes: string[] = [];
  const after = snapshotPrototypes();
  for (const [name, descriptors] of after) {
    const old = before.get(name) ?? new Map();
    for (const [key, descriptor] of descriptors) {
      const previous = old.get(key);
      if (previous === undefined) changes.push(`${name}.${String(key)} added`);
      else if (!sameDescriptor(previous, descriptor)) changes.push(`${name}.${String(key)} changed`);
    }
    for (const key of old.keys()) {
      if (!descriptors.has(key)) changes.push(`${name}.${String(key)} removed`);
    }
  }
  // A pollution that went through an inherited setter would still show on a fresh object.
  const fresh: Record<string, unknown> = {};
  for (const key of ['polluted', 'isAdmin', 'rules', 'runbooks', 'x']) {
    if (key in fresh) changes.push(`({}).${key} is inherited`);
  }
  return changes;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    Object.is(a.value, b.value) &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}
