export { classifyWebhookResponse, type WebhookAnswer } from './classify-webhook-response.js';
export {
  type AlertmanagerAlertV4,
  type AlertmanagerPayloadOptions,
  type AlertmanagerWebhookPayloadV4,
  convertToAlertmanagerPayload,
  zeroTime,
} from './convert-to-alertmanager-payload.js';
export { adapter, webhookNotifier } from './webhook-adapter.js';
export { createWebhookNotifier, type WebhookNotifierContext } from './webhook-notifier.js';
export { type WebhookNotifierOptions, webhookNotifierOptionsSchema } from './webhook-options.js';
export {
  signatureHeader,
  signWebhookPayload,
  timestampHeader,
  type VerifyWebhookSignatureInput,
  type VerifyWebhookSignatureResult,
  verifyWebhookSignature,
} from './webhook-signature.js';
