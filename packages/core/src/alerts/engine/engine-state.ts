import type { IncidentV1 } from '../../spec/alerts/v1/incident-v1.js';
import type { DispatcherState } from '../routing/dispatcher.js';
import type { StoredSilence } from '../routing/silence-book.js';
import type { AlertRecord } from './alert-record.js';

/** Version of the persisted JSON; bumped on any incompatible change (older states are then ignored). */
export const ENGINE_STATE_VERSION = 1;

/** Everything the engine needs after a restart: alerts, silences, incidents, groups and the notification log. */
export interface PersistedEngineState {
  readonly version: typeof ENGINE_STATE_VERSION;
  readonly savedAt: number;
  readonly alerts: readonly AlertRecord[];
  readonly silences: readonly StoredSilence[];
  readonly incidents: readonly IncidentV1[];
  readonly dispatcher: DispatcherState;
}

/**
 * Checks the shape of a loaded state. Returns undefined (start empty) for nothing stored; throws for a
 * state that is not ours or of another version, so the engine can report it instead of guessing.
 */
export function readPersistedState(raw: unknown): PersistedEngineState | undefined {
  if (raw === undefined || raw === null) return undefined;
  const state = raw as Partial<PersistedEngineState>;
  if (typeof raw !== 'object' || state.version !== ENGINE_STATE_VERSION) {
    throw new Error(
      `[@mcp-o11y/core] the stored alert engine state has version ${String(state.version)}, expected ${ENGINE_STATE_VERSION}; starting with empty alert state.`,
    );
  }
  const isArray = Array.isArray;
  if (
    !isArray(state.alerts) ||
    !isArray(state.silences) ||
    !isArray(state.incidents) ||
    !isArray(state.dispatcher?.groups) ||
    !isArray(state.dispatcher?.log)
  ) {
    throw new Error(
      '[@mcp-o11y/core] the stored alert engine state is malformed; starting with empty alert state.',
    );
  }
  return state as PersistedEngineState;
}
