export {
  CORRELATION_ID_ATTRIBUTE,
  CORRELATION_ID_HEADER,
  CORRELATION_ID_META_KEY,
  correlationIdFrom,
  currentCorrelationId,
  isValidCorrelationId,
  newCorrelationId,
  runWithCorrelationId,
} from './correlation-id.js';
