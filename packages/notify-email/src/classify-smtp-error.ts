import type { DeliveryResultV1 } from '@mcp-o11y/core';

/** The fields nodemailer puts on the errors it reports (see nodemailer's `NodemailerError`). */
export interface SmtpErrorLike {
  readonly message?: string;
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
  readonly originalCode?: string;
  readonly timeoutType?: string;
}

/** Failure results only: what {@link classifySmtpError} returns. */
export type SmtpFailure = Exclude<DeliveryResultV1, { status: 'delivered' }>;

const prefix = '[@mcp-o11y/notify-email]';

/** Node's TLS verification codes: the certificate is wrong, not the network; a retry gets the same. */
const certificateCodes = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ERR_TLS_CERT|HOSTNAME_MISMATCH|ERR_SSL/;

/** Text for an aborted send that had started: the server may have accepted the message already. */
export const abortedReason =
  `${prefix} send aborted while in progress (the delivery deadline passed or the pipeline shut down). ` +
  'The SMTP server may already have accepted the message, so a retry can deliver it twice.';

function describe(error: SmtpErrorLike): string {
  const response = error.response?.trim();
  const command = error.command ? ` (${error.command.split(' ')[0]})` : '';
  if (response) return `${response}${command}`;
  const code = error.code ? `${error.code}${error.originalCode ? `/${error.originalCode}` : ''}: ` : '';
  return `${code}${error.message ?? 'unknown error'}${command}`;
}

/**
 * Maps a nodemailer error onto a delivery result. RFC 5321: 4yz replies are transient and 5yz
 * permanent, except 503 (bad sequence of commands), which says the session was in the wrong state, not
 * that the message was refused. Failed authentication (535), missing credentials, and a server that does
 * not offer the required STARTTLS or presents a bad certificate are configuration problems: `failed`.
 * Connection drops, timeouts and DNS failures are `retryable`.
 */
export function classifySmtpError(error: SmtpErrorLike): SmtpFailure {
  const detail = describe(error);
  const reply = error.responseCode;

  if (error.code === 'EABORT') return { status: 'retryable', reason: abortedReason };

  if (reply !== undefined && reply >= 400 && reply < 500) {
    return {
      status: 'retryable',
      reason: `${prefix} SMTP server deferred the message (${reply}): ${detail}`,
    };
  }
  if (error.code === 'ETLS' || error.code === 'EREQUIRETLS') {
    return {
      status: 'failed',
      reason: `${prefix} STARTTLS is required but the server refused or did not offer it, so nothing was sent: ${detail}. Use a server that offers STARTTLS, or secure: true for implicit TLS (port 465); only a local relay should get requireTLS: false.`,
    };
  }
  if (reply === 503) {
    return {
      status: 'retryable',
      reason: `${prefix} SMTP server reported a bad command sequence (503): ${detail}`,
    };
  }
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH') {
    return {
      status: 'failed',
      reason: `${prefix} SMTP authentication failed${reply ? ` (${reply})` : ''}: ${detail}. Check the user name and password (SMTP_USERNAME / SMTP_PASSWORD).`,
    };
  }
  if (reply !== undefined && reply >= 500 && reply < 600) {
    return { status: 'failed', reason: `${prefix} SMTP server rejected the message (${reply}): ${detail}` };
  }
  if (
    certificateCodes.test(`${error.originalCode ?? ''} ${error.code ?? ''} ${error.message ?? ''}`) ||
    /certificate/i.test(error.message ?? '')
  ) {
    return {
      status: 'failed',
      reason: `${prefix} the server's TLS certificate was not accepted: ${detail}. Trust its CA with the tls.ca option or fix the host name.`,
    };
  }
  if (error.code === 'EENVELOPE' || error.code === 'ECONFIG' || error.code === 'EMAXRECIPIENTS') {
    return { status: 'failed', reason: `${prefix} the message was not accepted: ${detail}` };
  }
  if (error.code === 'ETIMEDOUT') {
    const type = error.timeoutType ? ` (${error.timeoutType})` : '';
    return {
      status: 'retryable',
      reason: `${prefix} SMTP server timed out${type}: ${detail}. If it timed out after the message data was sent, it may have been delivered.`,
    };
  }
  // ECONNECTION, ESOCKET (refused, reset), EDNS, EPROTOCOL and anything unknown: try again later.
  return { status: 'retryable', reason: `${prefix} could not reach the SMTP server: ${detail}` };
}
