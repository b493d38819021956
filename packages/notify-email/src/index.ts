export type { SmtpErrorLike, SmtpFailure } from './classify-smtp-error.js';
export { classifySmtpError } from './classify-smtp-error.js';
export type { ConvertToEmailOptions, EmailContent } from './convert-to-email.js';
export { convertToEmail } from './convert-to-email.js';
export { adapter, emailNotifier } from './email-adapter.js';
export type { EmailNotifierContext } from './email-notifier.js';
export { createEmailNotifier } from './email-notifier.js';
export type { EmailNotifierOptions, EmailTlsOptions } from './email-options.js';
export { emailOptionsSchema } from './email-options.js';
