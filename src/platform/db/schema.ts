// Every table of the program, for Drizzle's typed queries and drizzle-kit's migration generator.
export * from '../../modules/correspondence/correspondence.schema.ts';
export * from '../../modules/helpdesk/helpdesk.schema.ts';
export * from '../../modules/requests/requests.schema.ts';
export * from '../../modules/taxes/billing.schema.ts';
export * from '../../modules/taxes/predios.schema.ts';
export * from '../../modules/territory/territory.schema.ts';
export * from '../audit/audit.schema.ts';
export * from '../documents/documents.schema.ts';
export * from '../files/files.schema.ts';
export * from '../http/rate-limit.schema.ts';
export * from '../identifiers/identifiers.schema.ts';
export * from '../identity/identity.schema.ts';
export * from '../jobs/jobs.schema.ts';
export * from '../notifications/notifications.schema.ts';
export * from '../tenancy/tenancy.schema.ts';
export * from '../workflow/workflow.schema.ts';
