import { describe, expect, it } from 'vitest';
import { classifySmtpError, type SmtpErrorLike } from './classify-smtp-error.js';

const cases: [string, SmtpErrorLike, 'retryable' | 'failed'][] = [
  [
    '421 service not available',
    { code: 'EENVELOPE', responseCode: 421, response: '421 try later' },
    'retryable',
  ],
  ['450 mailbox busy', { code: 'EENVELOPE', responseCode: 450, response: '450 busy' }, 'retryable'],
  ['451 local error', { code: 'EMESSAGE', responseCode: 451, response: '451 4.3.0 error' }, 'retryable'],
  ['452 insufficient storage', { code: 'EMESSAGE', responseCode: 452 }, 'retryable'],
  ['454 temporary auth failure', { code: 'EAUTH', responseCode: 454 }, 'retryable'],
  ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503 }, 'retryable'],
  ['535 bad credentials', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 invalid' }, 'failed'],
  ['no credentials', { code: 'ENOAUTH' }, 'failed'],
  ['550 no such user', { code: 'EENVELOPE', responseCode: 550 }, 'failed'],
  ['552 too big', { code: 'EMESSAGE', responseCode: 552 }, 'failed'],
  ['554 rejected', { code: 'EMESSAGE', responseCode: 554 }, 'failed'],
  ['STARTTLS not offered', { code: 'ETLS', responseCode: 500, command: 'STARTTLS' }, 'failed'],
  [
    'self-signed certificate',
    { code: 'ESOCKET', message: 'self-signed certificate', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    'failed',
  ],
  ['host name mismatch', { code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'failed'],
  [
    'connection refused',
    { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
    'retryable',
  ],
  ['connection closed', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'retryable'],
  ['greeting timeout', { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }, 'retryable'],
  ['DNS failure', { code: 'EDNS', originalCode: 'ENOTFOUND' }, 'retryable'],
  ['aborted', { code: 'EABORT', name: 'AbortError' } as SmtpErrorLike, 'retryable'],
  ['unknown', {}, 'retryable'],
];

describe('classifySmtpError', () => {
  it.each(cases)('%s → %s', (_name, error, status) => {
    const result = classifySmtpError(error);
    expect(result.status).toBe(status);
    expect(result.reason).toMatch(/^\[@mcp-o11y\/notify-email\] /);
  });

  it('quotes the server reply and the command', () => {
    const result = classifySmtpError({
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 unknown user',
      command: 'RCPT TO:<a@b>',
    });
    expect(result.reason).toBe(
      '[@mcp-o11y/notify-email] SMTP server rejected the message (550): 550 5.1.1 unknown user (RCPT)',
    );
  });

  it('says that an aborted send may already have been delivered', () => {
    expect(classifySmtpError({ code: 'EABORT' }).reason).toMatch(/may already have accepted the message/);
  });
});
