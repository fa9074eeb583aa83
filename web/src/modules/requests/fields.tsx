// The PQRSD forms use the platform's fields; only what PQRSD accepts as attachments is its own.
export { checkFiles, FilesField, TextAreaField } from '../../platform/fields';

/** What the server accepts as PQRSD attachments (checked again there by content, not by name). */
export const ATTACHMENT_ACCEPT =
  'application/pdf,image/jpeg,image/png,image/tiff,.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
