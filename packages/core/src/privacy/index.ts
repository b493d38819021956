export {
  type CaptureKind,
  type CaptureOptions,
  DEFAULT_CAPTURE_MAX_BYTES,
  shouldCapture,
} from './capture-options.js';
export {
  type PreparedPayload,
  type PreparePayloadOptions,
  preparePayload,
  truncateUtf8,
  truncationMarker,
} from './prepare-payload.js';
export { redactDeliveryResult, redactKnownSecrets } from './redact-known-secrets.js';
export { REDACTED } from './redact-secrets-in-text.js';
export { redactText, redactValue } from './redact-value.js';
export { isSecretKey } from './secret-key-names.js';
