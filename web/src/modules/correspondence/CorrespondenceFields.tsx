// The correspondence forms use the platform's multi-line and file fields.
export { FilesField, TextAreaField } from '../../platform/fields';
