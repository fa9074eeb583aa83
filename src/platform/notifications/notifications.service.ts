import { and, asc, count, desc, eq, gte, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Db, DbOrTx } from '../db/database.ts';
import { validationError } from '../http/errors.ts';
import type { JobService } from '../jobs/index.ts';
import type { EnqueueInput, NotificationService, OutboxItem } from './index.ts';
import { createMailTransport, type MailTransport } from './mail-transport.ts';
import { notificationOutbox } from './notifications.schema.ts';
import { createSmsSender, normalizeColombianMobile, type SmsSender } from './sms.ts';
import { renderEmail, renderSms } from './templates.ts';

export const NOTIFICATION_DELIVERY_QUEUE = 'notifications.deliver';
/** Attempts before a message is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Wait after the 1st, 2nd, 3rd and 4th failed attempt. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120];
/**
 * A claimed message is hidden from other workers this long. It outlasts one send (SMTP and SMS time
 * out in well under a minute), and lets a message claimed by a worker that died be sent again later.
 */
const CLAIM_LEASE_MS = 10 * 60 * 1000;
const DELIVERY_BATCH = 50;
const EMAIL_PATTERN = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export interface CreateNotificationServiceOptions {
  db: Db;
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR' | 'SMS_HTTP_URL' | 'SMS_HTTP_TOKEN'>;
  logger: Logger;
  jobs: JobService;
  /** Default: SMTP from SMTP_URL, or .eml files under DATA_DIR/mail. */
  transport?: MailTransport;
  /** Default: HTTP provider from SMS_HTTP_URL, or one that refuses (not configured). */
  sms?: SmsSender;
  now?: () => Date;
  maxAttempts?: number;
  retryDelaysMinutes?: number[];
}

type OutboxRow = typeof notificationOutbox.$inferSelect;

export function createNotificationService(options: CreateNotificationServiceOptions): NotificationService {
  const { db, config, logger, jobs } = options;
  const now = options.now ?? (() => new Date());
  const transport = options.transport ?? createMailTransport({ config, logger });
  const sms = options.sms ?? createSmsSender(config);
  const maxAttempts = options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS;
  const retryDelaysMinutes = options.retryDelaysMinutes ?? RETRY_DELAYS_MINUTES;

  // Every role registers; the worker runs it on request and every minute, so nothing stays pending.
  jobs.register(
    NOTIFICATION_DELIVERY_QUEUE,
    async () => {
      for (let round = 0; round < 20; round += 1) {
        const { sent, failed } = await deliverPending(DELIVERY_BATCH);
        if (sent + failed < DELIVERY_BATCH) break;
      }
      return undefined;
    },
    // 'short': a burst of requests collapses into one waiting job; a failed run is not retried
    // because the messages keep their own attempts and the next minute's sweep picks them up.
    { tracked: false, policy: 'short', cron: '* * * * *', retryLimit: 0, expireInSeconds: 30 * 60 },
  );

  async function enqueueEmail(tx: DbOrTx, input: EnqueueInput): Promise<string> {
    const recipient = input.to.trim();
    if (!EMAIL_PATTERN.test(recipient) || recipient.length > 254) {
      throw validationError('to', 'El correo electrónico del destinatario no es válido.');
    }
    // Rendered now: missing data fails the caller's transaction, not a delivery hours later.
    const content = renderEmail(input.template, input.data);
    return insertMessage(tx, input, {
      channel: 'email',
      recipient,
      subject: content.subject,
      bodyText: content.text,
      bodyHtml: content.html,
    });
  }

  async function enqueueSms(tx: DbOrTx, input: EnqueueInput): Promise<string> {
    const recipient = normalizeColombianMobile(input.to);
    if (!recipient) {
      throw validationError(
        'to',
        'El número de celular no es válido: use un móvil colombiano de 10 dígitos que empiece por 3.',
      );
    }
    const text = renderSms(input.template, input.data);
    return insertMessage(tx, input, {
      channel: 'sms',
      recipient,
      subject: null,
      bodyText: text,
      bodyHtml: null,
    });
  }

  async function insertMessage(
    tx: DbOrTx,
    input: EnqueueInput,
    message: Pick<OutboxRow, 'channel' | 'recipient' | 'subject' | 'bodyText' | 'bodyHtml'>,
  ): Promise<string> {
    const at = now();
    const values = {
      ...message,
      tenantId: input.tenantId,
      template: input.template,
      idempotencyKey: input.idempotencyKey ?? null,
      nextAttemptAt: at,
      createdAt: at,
    };
    if (!input.idempotencyKey) {
      const [row] = await tx
        .insert(notificationOutbox)
        .values(values)
        .returning({ id: notificationOutbox.id });
      return row!.id;
    }
    const [row] = await tx
      .insert(notificationOutbox)
      .values(values)
      .onConflictDoNothing({ target: notificationOutbox.idempotencyKey })
      .returning({ id: notificationOutbox.id });
    if (row) return row.id;
    const [existing] = await tx
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.idempotencyKey, input.idempotencyKey));
    return existing!.id;
  }

  /**
   * Takes one due message for this worker, in a short transaction: FOR UPDATE SKIP LOCKED so concurrent
   * workers never pick the same row, and the lease (next_attempt_at moved ahead) keeps it hidden from
   * them after the commit, while it is being sent. The attempt is counted here, so a worker that dies
   * mid-send still uses one up. (Not one `UPDATE … WHERE id IN (SELECT … SKIP LOCKED LIMIT 1)`: the
   * planner may rescan that subquery per row, and each rescan skips the row just locked, claiming more.)
   */
  async function claimNext(): Promise<OutboxRow | undefined> {
    const at = now();
    return db.transaction(async (tx) => {
      const [due] = await tx
        .select({ id: notificationOutbox.id })
        .from(notificationOutbox)
        .where(
          and(
            eq(notificationOutbox.status, 'pending'),
            lte(notificationOutbox.nextAttemptAt, at),
            lt(notificationOutbox.attempts, maxAttempts),
          ),
        )
        .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.createdAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!due) return undefined;
      const [row] = await tx
        .update(notificationOutbox)
        .set({
          attempts: sql`${notificationOutbox.attempts} + 1`,
          nextAttemptAt: new Date(at.getTime() + CLAIM_LEASE_MS),
        })
        .where(eq(notificationOutbox.id, due.id))
        .returning();
      return row;
    });
  }

  async function send(message: OutboxRow): Promise<void> {
    if (message.channel === 'email') {
      await transport.send({
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.bodyText,
        html: message.bodyHtml,
      });
    } else {
      await sms.send(message.recipient, message.bodyText);
    }
  }

  async function recordFailure(message: OutboxRow, error: unknown): Promise<void> {
    const givesUp = message.attempts >= maxAttempts;
    const delayMinutes = retryDelaysMinutes[Math.min(message.attempts, retryDelaysMinutes.length) - 1] ?? 1;
    const lastError = describeError(error);
    logger.warn(
      { outboxId: message.id, channel: message.channel, attempts: message.attempts, givesUp, err: error },
      givesUp
        ? 'No se pudo entregar la notificación; se abandona'
        : 'No se pudo entregar la notificación; se reintentará',
    );
    await db
      .update(notificationOutbox)
      .set({
        status: givesUp ? 'failed' : 'pending',
        lastError,
        ...(givesUp ? {} : { nextAttemptAt: new Date(now().getTime() + delayMinutes * 60_000) }),
      })
      .where(eq(notificationOutbox.id, message.id));
  }

  /** A worker that died during the last attempt leaves the message pending with no attempts left. */
  async function giveUpInterruptedLastAttempts(): Promise<void> {
    await db
      .update(notificationOutbox)
      .set({
        status: 'failed',
        lastError: 'El último intento de envío se interrumpió; no quedan más intentos.',
      })
      .where(
        and(
          eq(notificationOutbox.status, 'pending'),
          lte(notificationOutbox.nextAttemptAt, now()),
          gte(notificationOutbox.attempts, maxAttempts),
        ),
      );
  }

  async function deliverPending(limit = DELIVERY_BATCH): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    await giveUpInterruptedLastAttempts();
    for (let index = 0; index < limit; index += 1) {
      const message = await claimNext();
      if (!message) break;
      try {
        await send(message);
      } catch (error) {
        failed += 1;
        await recordFailure(message, error);
        continue;
      }
      sent += 1;
      await db
        .update(notificationOutbox)
        .set({ status: 'sent', sentAt: now(), lastError: null })
        .where(eq(notificationOutbox.id, message.id));
    }
    return { sent, failed };
  }

  async function requestDelivery(): Promise<void> {
    try {
      await jobs.enqueue({
        queue: NOTIFICATION_DELIVERY_QUEUE,
        label: 'Envío de notificaciones',
        tenantId: null,
        data: {},
        singletonKey: NOTIFICATION_DELIVERY_QUEUE,
      });
    } catch (error) {
      // Not fatal: the message is in the outbox and the sweep every minute sends it.
      logger.warn({ err: error }, 'No se pudo pedir el envío inmediato de notificaciones');
    }
  }

  async function list(
    tenantId: string,
    filters: { status?: string; channel?: string },
    page: { page: number; pageSize: number },
  ): Promise<{ items: OutboxItem[]; total: number }> {
    // Messages without a tenant (platform-wide) are shown to every tenant's administrators.
    const conditions: (SQL | undefined)[] = [
      or(eq(notificationOutbox.tenantId, tenantId), isNull(notificationOutbox.tenantId)),
    ];
    if (filters.status) conditions.push(eq(notificationOutbox.status, filters.status as OutboxRow['status']));
    if (filters.channel)
      conditions.push(eq(notificationOutbox.channel, filters.channel as OutboxRow['channel']));
    const where = and(...conditions);
    const [rows, totals] = await Promise.all([
      db
        .select()
        .from(notificationOutbox)
        .where(where)
        .orderBy(desc(notificationOutbox.createdAt), desc(notificationOutbox.id))
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize),
      db.select({ total: count() }).from(notificationOutbox).where(where),
    ]);
    return {
      total: Number(totals[0]?.total ?? 0),
      items: rows.map((row) => ({
        id: row.id,
        channel: row.channel,
        recipient: row.recipient,
        template: row.template,
        subject: row.subject,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt,
        sentAt: row.sentAt,
      })),
    };
  }

  return { enqueueEmail, enqueueSms, deliverPending, requestDelivery, list };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 500) || 'Error desconocido al entregar.';
}
