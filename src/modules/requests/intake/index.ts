// E-mail intake of PQRSD: a message from the municipal mailbox (IMAP) or an uploaded .eml becomes an
// IncomingEmail; the requests module turns it into a request with its attachments.

export {
  createImapMailbox,
  DEFAULT_FETCH_LIMIT,
  type FetchUnseenResult,
  type ImapMailbox,
  type ImapMailboxOptions,
  type ImapUrlSettings,
  imapUrlProblem,
  type MailboxMessage,
  parseImapUrl,
} from './imap-mailbox.ts';
export { type ImapSandbox, type ImapSandboxOptions, startImapSandbox } from './imap-sandbox.ts';
export {
  EmailIntakeError,
  type EmailIntakeErrorCode,
  MailboxError,
  type MailboxErrorCode,
} from './intake.errors.ts';
export {
  DEFAULT_EMAIL_LIMITS,
  type EmailLimits,
  type IncomingAddress,
  type IncomingAttachment,
  type IncomingEmail,
  MAX_EMAIL_TEXT_LENGTH,
  NO_SUBJECT,
  parseIncomingEmail,
} from './parse-email.ts';
