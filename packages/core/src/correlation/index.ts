export {
  CORRELATION_ID_ATTRIBUTE,
  CORRELATION_ID_HEADER,
  CORRELATION_ID_META_KEY,
  contextWithCorrelationId,
  correlationIdFrom,
  correlationIdOf,
  currentCorrelationId,
  isValidCorrelationId,
  newCorrelationId,
  runWithCorrelationId,
} from './correlation-id.js';
