// Public surface of the notifications service (outbox + e-mail over SMTP + SMS over HTTP).
import type { DbOrTx } from '../db/database.ts';

/** Templates with Spanish texts; `data` carries what each needs (fullName, link, entityName…). */
export type NotificationTemplate =
  | 'verify_email'
  | 'reset_password'
  | 'activate_account'
  | 'password_changed'
  | 'document_issued'
  | 'generic';

export interface EnqueueInput {
  tenantId: string | null;
  to: string;
  template: NotificationTemplate;
  data: Record<string, unknown>;
  /** The same key twice queues one message. */
  idempotencyKey?: string;
}

export interface OutboxItem {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface NotificationService {
  /** Writes to the outbox inside the caller's transaction; delivery happens after commit, by a job. */
  enqueueEmail(tx: DbOrTx, input: EnqueueInput): Promise<string>;
  enqueueSms(tx: DbOrTx, input: EnqueueInput): Promise<string>;
  /** Sends what is due; called by the delivery job (and by tests). */
  deliverPending(limit?: number): Promise<{ sent: number; failed: number }>;
  /** Asks a worker to deliver soon (sends a job); safe to call after the transaction commits. */
  requestDelivery(): Promise<void>;
  list(
    tenantId: string,
    filters: { status?: string; channel?: string },
    page: { page: number; pageSize: number },
  ): Promise<{ items: OutboxItem[]; total: number }>;
}
