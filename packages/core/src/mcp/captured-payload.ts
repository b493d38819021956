import type { Span } from '@opentelemetry/api';
import { shouldCapture } from '../privacy/capture-options.js';
import { preparePayload } from '../privacy/prepare-payload.js';
import type { ResolvedInstrumentOptions } from './instrument-options.js';
import {
  ATTR_GEN_AI_PROMPT_VARIABLE_PREFIX,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
} from './semantic-conventions.js';

/**
 * Opt-in payload capture (semconv Opt-In: off unless asked for, globally or per tool). Every value goes
 * through `preparePayload`: redaction of secret-looking keys and values (also inside JSON strings),
 * then the size cap with a truncation marker.
 */
export const capturedPayload = {
  /** Arguments of `tools/call` and variables of `prompts/get`, when opted in. */
  onRequest(
    span: Span,
    method: string,
    params: Record<string, unknown> | undefined,
    options: ResolvedInstrumentOptions,
  ): void {
    const capture = options.capture;
    if (capture === undefined || params === undefined) return;
    const name = typeof params.name === 'string' ? params.name : '';
    if (method === 'tools/call') {
      if (params.arguments === undefined || !shouldCapture(capture, 'arguments', name)) return;
      span.setAttribute(ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, preparePayload(params.arguments, options).value);
    } else if (method === 'prompts/get') {
      const variables = params.arguments;
      if (
        typeof variables !== 'object' ||
        variables === null ||
        !shouldCapture(capture, 'promptVariables', name)
      )
        return;
      for (const [key, value] of Object.entries(variables)) {
        // A string variable is recorded as the string itself, not as its JSON quoting.
        const prepared = preparePayload(value, options).value;
        span.setAttribute(
          `${ATTR_GEN_AI_PROMPT_VARIABLE_PREFIX}${key}`,
          typeof value === 'string' ? unquote(prepared) : prepared,
        );
      }
    }
  },

  /** The result of `tools/call`, when opted in. */
  onResult(
    span: Span,
    attribute: string,
    target: string | undefined,
    result: unknown,
    options: ResolvedInstrumentOptions,
  ): void {
    const capture = options.capture;
    if (capture === undefined || !shouldCapture(capture, 'results', target ?? '')) return;
    span.setAttribute(attribute, preparePayload(result, options).value);
  },
};

function unquote(json: string): string {
  if (!json.startsWith('"') || !json.endsWith('"')) return json;
  try {
    return JSON.parse(json) as string;
  } catch {
    return json;
  }
}
