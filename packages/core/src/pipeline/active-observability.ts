import type { Observability } from './observability.js';

// Set at run time by createObservability, never at import: `instrument(server)` and the zero-code
// register hook need the handle without the user threading it through every call.
let active: Observability | undefined;

/** The most recently created handle that has not been shut down, if any. */
export function getActiveObservability(): Observability | undefined {
  return active;
}

/** Records `observability` as the active handle; returns the function that clears it (if still active). */
export function setActiveObservability(observability: Observability): () => void {
  active = observability;
  return () => {
    if (active === observability) active = undefined;
  };
}
