export type { AuthIdentity } from './auth-identity.js';
export type {
  AuthClassification,
  HttpExchangeFacts,
  HttpSecurityClassification,
} from './classify-http-security.js';
export { classifyHttpSecurity } from './classify-http-security.js';
export type { FetchHandler, FetchSecurityOptions } from './observe-fetch-security.js';
export { observeFetchSecurity } from './observe-fetch-security.js';
export type { HttpSecurityMiddleware, HttpSecurityOptions } from './observe-http-security.js';
export { observeHttpSecurity } from './observe-http-security.js';
export type { BearerChallenge } from './parse-bearer-challenge.js';
export { parseBearerChallenge } from './parse-bearer-challenge.js';
export type { AuthFailureReason, AuthOutcome, HttpRejectionKind } from './security-metric-names.js';
export { SECURITY_METRICS } from './security-metric-names.js';
