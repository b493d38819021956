export {
  classifySlackResponse,
  type SlackAnswer,
  slackErrorCode,
} from './classify-slack-response.js';
export {
  type BlockKitOptions,
  convertToBlockKit,
  type SlackBlock,
  type SlackMessage,
  type SlackTextObject,
  slackLimits,
} from './convert-to-block-kit.js';
export { escapeMrkdwn } from './escape-slack-text.js';
export { adapter, slackNotifier } from './slack-adapter.js';
export { createSlackNotifier, type SlackNotifierContext } from './slack-notifier.js';
export { type SlackNotifierOptions, slackNotifierOptionsSchema } from './slack-options.js';
