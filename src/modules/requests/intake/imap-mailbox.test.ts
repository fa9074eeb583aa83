import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createImapMailbox, imapUrlProblem, type MailboxMessage, parseImapUrl } from './imap-mailbox.ts';
import { type ImapSandbox, startImapSandbox } from './imap-sandbox.ts';
import { MailboxError } from './intake.errors.ts';
import { parseIncomingEmail } from './parse-email.ts';

const USER = 'pqrsd@bucaramanga.gov.co';
const PASSWORD = 'clave con espacios "y" ñ';

function rawEmail(subject: string): string {
  return [
    'From: Vecino <vecino@example.com>',
    'To: pqrsd@bucaramanga.gov.co',
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\s+/g, '-')}@example.com>`,
    '',
    `Cuerpo de ${subject}`,
    '',
  ].join('\n');
}

function captureLogger() {
  const lines: { level: number; msg: string; uid?: number }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('createImapMailbox against the IMAP sandbox', () => {
  let sandbox: ImapSandbox;

  beforeEach(async () => {
    sandbox = await startImapSandbox({ port: 0, user: USER, password: PASSWORD });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('marks handled messages seen, leaves a failed one unseen and fetches only it on the next run', async () => {
    const uids = ['primera', 'falla', 'tercera'].map((subject) => sandbox.deliver(rawEmail(subject)));
    const { logger, lines } = captureLogger();
    const mailbox = createImapMailbox({ ...parseImapUrl(sandbox.url), logger });

    const seen: { uid: number; subject: string; uidValidity: string }[] = [];
    const firstRun = await mailbox.fetchUnseen(async (message: MailboxMessage) => {
      const email = await parseIncomingEmail(message.source);
      if (email.subject === 'falla') throw new Error('la base de datos no respondió');
      seen.push({ uid: message.uid, subject: email.subject, uidValidity: message.uidValidity });
    });

    expect(firstRun).toEqual({ fetched: 3, handled: 2, failed: 1 });
    expect(seen.map((entry) => [entry.uid, entry.subject])).toEqual([
      [uids[0], 'primera'],
      [uids[2], 'tercera'],
    ]);
    expect(seen[0]?.uidValidity).toMatch(/^\d+$/);
    expect(sandbox.messages().map((message) => [message.uid, message.seen])).toEqual([
      [uids[0], true],
      [uids[1], false],
      [uids[2], true],
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({ uid: uids[1], msg: expect.stringContaining('queda sin leer') }),
    );

    const secondRun: number[] = [];
    const result = await mailbox.fetchUnseen(async (message) => {
      secondRun.push(message.uid);
    });
    expect(result).toEqual({ fetched: 1, handled: 1, failed: 0 });
    expect(secondRun).toEqual([uids[1]]);
    expect(sandbox.messages().every((message) => message.seen)).toBe(true);

    expect(await mailbox.fetchUnseen(async () => {})).toEqual({ fetched: 0, handled: 0, failed: 0 });
  });

  it('hands over the whole source, byte for byte as stored (CRLF line ends)', async () => {
    sandbox.deliver(rawEmail('fuente'));
    const sources: Buffer[] = [];
    await createImapMailbox(parseImapUrl(sandbox.url)).fetchUnseen(async (message) => {
      sources.push(message.source);
    });
    expect(sources.map((source) => source.toString('utf8'))).toEqual([
      rawEmail('fuente').replace(/\n/g, '\r\n'),
    ]);
  });

  it('reads at most `limit` messages per run, oldest first', async () => {
    const uids = ['uno', 'dos', 'tres'].map((subject) => sandbox.deliver(rawEmail(subject)));
    const handled: number[] = [];
    const mailbox = createImapMailbox(parseImapUrl(sandbox.url));
    const result = await mailbox.fetchUnseen(async (message) => void handled.push(message.uid), { limit: 2 });
    expect(result).toEqual({ fetched: 2, handled: 2, failed: 0 });
    expect(handled).toEqual(uids.slice(0, 2));
    expect(sandbox.messages().map((message) => message.seen)).toEqual([true, true, false]);
  });

  it('skips messages someone already read in a mail client', async () => {
    sandbox.deliver(rawEmail('leído'), { flags: ['\\Seen'] });
    const unread = sandbox.deliver(rawEmail('nuevo'));
    const handled: number[] = [];
    await createImapMailbox(parseImapUrl(sandbox.url)).fetchUnseen(
      async (message) => void handled.push(message.uid),
    );
    expect(handled).toEqual([unread]);
  });

  it('logs out after every run, also when the handler fails', async () => {
    sandbox.deliver(rawEmail('uno'));
    const mailbox = createImapMailbox(parseImapUrl(sandbox.url));
    await mailbox.fetchUnseen(async () => {
      expect(sandbox.openConnections()).toBe(1);
      throw new Error('falla');
    });
    await vi.waitFor(() => expect(sandbox.openConnections()).toBe(0), { timeout: 2_000 });
  });

  it('refuses a wrong password with a clear Spanish error and touches nothing', async () => {
    sandbox.deliver(rawEmail('uno'));
    const handle = vi.fn(async () => {});
    const settings = { ...parseImapUrl(sandbox.url), password: 'otra' };
    const error = await createImapMailbox(settings)
      .fetchUnseen(handle)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MailboxError);
    expect(error).toMatchObject({ status: 502, code: 'BUZON_CREDENCIALES_RECHAZADAS', retryable: false });
    expect((error as MailboxError).detail).toBe(
      `El servidor de correo 127.0.0.1:${sandbox.port} rechazó el usuario «${USER}» o su contraseña. ` +
        'Revise PQRSD_IMAP_URL.',
    );
    expect(handle).not.toHaveBeenCalled();
    expect(sandbox.messages()[0]?.seen).toBe(false);
    await vi.waitFor(() => expect(sandbox.openConnections()).toBe(0), { timeout: 2_000 });
  });

  it('names a folder that does not exist', async () => {
    const error = await createImapMailbox({ ...parseImapUrl(sandbox.url), mailbox: 'PQRSD' })
      .fetchUnseen(async () => {})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'BUZON_CARPETA_INEXISTENTE', retryable: false });
    expect((error as MailboxError).detail).toContain('«PQRSD» no existe');
  });

  it('reports an unreachable server as retryable', async () => {
    const settings = parseImapUrl(sandbox.url);
    await sandbox.close();
    const error = await createImapMailbox(settings)
      .fetchUnseen(async () => {})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 503, code: 'BUZON_NO_DISPONIBLE', retryable: true });
    expect((error as MailboxError).detail).toContain('el servidor rechazó la conexión');
    sandbox = await startImapSandbox({ port: 0, user: USER, password: PASSWORD }); // for afterEach
  });

  it('rejects a limit that is not a positive integer', async () => {
    const mailbox = createImapMailbox(parseImapUrl(sandbox.url));
    await expect(mailbox.fetchUnseen(async () => {}, { limit: 0 })).rejects.toThrow(RangeError);
  });
});

describe('parseImapUrl (PQRSD_IMAP_URL)', () => {
  it('reads imaps:// with a URL-encoded user, password and folder', () => {
    expect(
      parseImapUrl(
        'imaps://pqrsd%40bucaramanga.gov.co:cl%C3%A1ve%2F%3A%40@imap.bucaramanga.gov.co:994/INBOX%2FPQRSD',
      ),
    ).toEqual({
      host: 'imap.bucaramanga.gov.co',
      port: 994,
      secure: true,
      user: 'pqrsd@bucaramanga.gov.co',
      password: 'cláve/:@',
      mailbox: 'INBOX/PQRSD',
    });
  });

  it('defaults to port 993 for imaps://, 143 for imap:// and to INBOX', () => {
    expect(parseImapUrl('imaps://u:p@imap.example.gov.co')).toMatchObject({
      port: 993,
      secure: true,
      mailbox: 'INBOX',
    });
    expect(parseImapUrl('imap://u:p@imap.example.gov.co/')).toMatchObject({
      port: 143,
      secure: false,
      mailbox: 'INBOX',
    });
    expect(parseImapUrl('imap://u:p@[::1]:1143/Archivo/PQRSD')).toMatchObject({
      host: '::1',
      port: 1143,
      mailbox: 'Archivo/PQRSD',
    });
  });

  it('accepts a self-signed certificate only when asked', () => {
    expect(parseImapUrl('imaps://u:p@h.example?tls_reject_unauthorized=false').tls).toEqual({
      rejectUnauthorized: false,
    });
    expect(parseImapUrl('imaps://u:p@h.example').tls).toBeUndefined();
  });

  it.each([
    ['', 'no es una URL válida'],
    ['imap.example.gov.co', 'no es una URL válida'],
    ['https://u:p@imap.example.gov.co', 'debe empezar por imaps://'],
    ['imaps://imap.example.gov.co', 'no indica el usuario'],
    ['imaps://u@imap.example.gov.co', 'no indica la contraseña'],
    ['imaps://u:p@imap.example.gov.co:70000', 'no es una URL válida'],
    ['imaps://u:p@imap.example.gov.co:0', 'puerto inválido'],
    ['imaps://u:%E0%A4%A@imap.example.gov.co', 'secuencia %xx inválida'],
    ['imaps://u:p@imap.example.gov.co?tls=no', '«tls=no» que no se reconoce'],
  ])('refuses %j naming PQRSD_IMAP_URL', (url, problem) => {
    const error = (() => {
      try {
        parseImapUrl(url);
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MailboxError);
    expect(error).toMatchObject({ code: 'BUZON_CONFIGURACION_INVALIDA', field: 'PQRSD_IMAP_URL' });
    expect((error as MailboxError).detail).toMatch(/^PQRSD_IMAP_URL /);
    expect((error as MailboxError).detail).toContain(problem);
    expect(imapUrlProblem(url)).toContain(problem);
  });

  it('never puts the password in the error', () => {
    expect(imapUrlProblem('imaps://usuario:secreto@imap.example.gov.co?x=1')).not.toContain('secreto');
    expect(imapUrlProblem('imaps://u:p@imap.example.gov.co')).toBeNull();
  });
});
