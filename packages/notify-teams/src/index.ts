export { adapter, teamsNotifier } from './adapter.js';
export {
  type AdaptiveCard,
  type AdaptiveCardColor,
  type AdaptiveContainer,
  type AdaptiveElement,
  type AdaptiveFactSet,
  type AdaptiveOpenUrlAction,
  type AdaptiveTextBlock,
  convertToAdaptiveCard,
  type TeamsWorkflowPayload,
} from './convert-to-adaptive-card.js';
export { convertToMessageCard, type MessageCardPayload } from './convert-to-message-card.js';
export type { FittedPayload } from './fit-payload.js';
export { createTeamsNotifier } from './teams-notifier.js';
export { type TeamsFormat, type TeamsNotifierOptions, teamsOptionsSchema } from './teams-options.js';
