import { redactText, redactValue } from '../privacy/redact-value.js';
import type { LogExceptionV1 } from '../spec/logs/v1/log-record-v1.js';

/**
 * The `err` field of a log call as plain, redacted data: type, message and stack of an Error (`code`
 * as the type when the error has none of its own name), or the redacted text of anything else thrown.
 */
export function toLogException(err: unknown): LogExceptionV1 {
  if (err instanceof Error) {
    const stack = err.stack === undefined ? undefined : redactText(err.stack);
    return {
      type: err.name || err.constructor?.name || 'Error',
      message: redactText(err.message),
      ...(stack === undefined ? {} : { stacktrace: stack }),
    };
  }
  if (typeof err === 'string') return { type: 'Error', message: redactText(err) };
  let message: string;
  try {
    message = typeof err === 'object' && err !== null ? JSON.stringify(redactValue(err)) : String(err);
  } catch {
    message = '[Unserializable]';
  }
  return { type: typeof err === 'object' && err !== null ? 'Object' : typeof err, message };
}
