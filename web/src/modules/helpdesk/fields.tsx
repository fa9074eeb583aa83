// The help-desk forms use the platform's fields.
import './helpdesk.css';

export {
  DEFAULT_ATTACHMENT_ACCEPT as ATTACHMENT_ACCEPT,
  FilesField,
  TextAreaField,
} from '../../platform/fields';
export const MAX_ATTACHMENTS = 5;
