/** Default cap of one recorded payload, in UTF-8 bytes. */
export const DEFAULT_CAPTURE_MAX_BYTES = 4096;

/** Which payload a capture decision is about. */
export type CaptureKind = 'arguments' | 'results' | 'promptVariables';

/**
 * Which request and response payloads the MCP instrumentation records on spans. Everything is off by
 * default, as the OpenTelemetry semantic conventions ask for content (it routinely holds personal data
 * and secrets). Each switch is `true` (every tool / prompt), `false`, or the names to record for.
 * Whatever is recorded is redacted and capped first (see `preparePayload`).
 */
export interface CaptureOptions {
  /** Tool call arguments (`gen_ai.tool.call.arguments`): `true`, `false` or tool names. Default: `false`. */
  readonly arguments?: boolean | readonly string[];
  /** Tool call results (`gen_ai.tool.call.result`): `true`, `false` or tool names. Default: `false`. */
  readonly results?: boolean | readonly string[];
  /** Prompt arguments of `prompts/get`: `true`, `false` or prompt names. Default: `false`. */
  readonly promptVariables?: boolean | readonly string[];
  /** Most UTF-8 bytes per recorded payload, truncation marker included. Default: 4096. */
  readonly maxBytes?: number;
}

const allowlists = new WeakMap<readonly string[], ReadonlySet<string>>();

function allowlistOf(names: readonly string[]): ReadonlySet<string> {
  let set = allowlists.get(names);
  if (!set) {
    set = new Set(names);
    allowlists.set(names, set);
  }
  return set;
}

/**
 * Whether the payload of `kind` for the tool or prompt `name` is recorded. `false` when `options` or the
 * switch is absent. Cheap enough for the request path: a per-name allowlist is turned into a set once.
 */
export function shouldCapture(options: CaptureOptions | undefined, kind: CaptureKind, name: string): boolean {
  const setting = options?.[kind];
  if (setting === undefined || typeof setting === 'boolean') return setting === true;
  return allowlistOf(setting).has(name);
}
