export { isRequestLoggingEnabled, logRequest, type RequestLogFields } from './log-request.js';
