import net from 'node:net';
import { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImapSandbox, startImapSandbox } from './imap-sandbox.ts';

const USER = 'pqrsd@demo.gov.co';
const PASSWORD = 'contraseña "dura" \\ 2026';

/** A line-level IMAP client: send raw bytes, wait for what the server says. */
async function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = Buffer.alloc(0);
  let notify = () => {};
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    notify();
  });
  const client = {
    send(data: string | Buffer) {
      socket.write(data);
    },
    /** Everything received up to and including the first match of `pattern`, removed from the buffer. */
    async until(pattern: RegExp): Promise<string> {
      const deadline = Date.now() + 2_000;
      for (;;) {
        const text = received.toString('latin1');
        const match = pattern.exec(text);
        if (match) {
          const end = match.index + match[0].length;
          received = received.subarray(Buffer.byteLength(text.slice(0, end), 'latin1'));
          return Buffer.from(text.slice(0, end), 'latin1').toString('utf8');
        }
        if (Date.now() > deadline)
          throw new Error(`Timed out waiting for ${pattern}; got ${JSON.stringify(text)}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    /** Sends a tagged command and returns the whole answer up to its tagged line. */
    async command(tag: string, text: string): Promise<string> {
      socket.write(`${tag} ${text}\r\n`);
      return client.until(new RegExp(`^${tag} (OK|NO|BAD)[^\\r]*\\r\\n`, 'm'));
    },
    closed(): Promise<void> {
      return new Promise((resolve) => {
        if (socket.destroyed || socket.readableEnded) resolve();
        else socket.once('close', () => resolve());
      });
    },
    end() {
      socket.destroy();
    },
  };
  await client.until(/^\* OK .*\r\n/);
  return client;
}

type RawClient = Awaited<ReturnType<typeof rawClient>>;

async function loggedIn(port: number): Promise<RawClient> {
  const client = await rawClient(port);
  const answer = await client.command(
    'a0',
    `LOGIN ${JSON.stringify(USER)} "contraseña \\"dura\\" \\\\ 2026"`,
  );
  expect(answer).toMatch(/^a0 OK/m);
  return client;
}

const message = (subject: string, body = 'Cuerpo') =>
  `From: Vecina <vecina@example.com>\nTo: ${USER}\nSubject: ${subject}\n\n${body}\n`;

describe('IMAP sandbox protocol', () => {
  let sandbox: ImapSandbox;
  const clients: RawClient[] = [];
  const connect = async (login = true) => {
    const client = login ? await loggedIn(sandbox.port) : await rawClient(sandbox.port);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    sandbox = await startImapSandbox({ port: 0, user: USER, password: PASSWORD });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.end();
    await sandbox.close();
  });

  it('greets with its capabilities and gives an imap:// URL with encoded credentials', async () => {
    const client = await rawClient(sandbox.port);
    clients.push(client);
    const answer = await client.command('c1', 'CAPABILITY');
    expect(answer).toMatch(/^\* CAPABILITY IMAP4rev1 AUTH=PLAIN ID IDLE NAMESPACE UNSELECT\r\n/m);
    expect(sandbox.url).toBe(
      `imap://pqrsd%40demo.gov.co:${encodeURIComponent(PASSWORD)}@127.0.0.1:${sandbox.port}/INBOX`,
    );
  });

  it('logs in with synchronising literals, waiting for the continuation', async () => {
    const client = await connect(false);
    const user = Buffer.from(USER);
    const password = Buffer.from(PASSWORD);
    client.send(`l1 LOGIN {${user.length}}\r\n`);
    await client.until(/^\+ .*\r\n/m);
    client.send(Buffer.concat([user, Buffer.from(` {${password.length}}\r\n`)]));
    await client.until(/^\+ .*\r\n/m);
    client.send(Buffer.concat([password, Buffer.from('\r\n')]));
    expect(await client.until(/^l1 .*\r\n/m)).toMatch(/^l1 OK/m);
    expect(await client.command('l2', 'NAMESPACE')).toContain('* NAMESPACE (("" "/")) NIL NIL');
  });

  it('accepts non-synchronising literals ({n+}) without a continuation', async () => {
    const client = await connect(false);
    const password = Buffer.from(PASSWORD);
    client.send(
      Buffer.concat([
        Buffer.from(`l1 LOGIN "${USER}" {${password.length}+}\r\n`),
        password,
        Buffer.from('\r\n'),
      ]),
    );
    const answer = await client.until(/^l1 .*\r\n/m);
    expect(answer).not.toContain('+ Ready');
    expect(answer).toMatch(/^l1 OK/m);
  });

  it('authenticates with AUTHENTICATE PLAIN, with and without an initial response', async () => {
    const plain = Buffer.from(`\u0000${USER}\u0000${PASSWORD}`).toString('base64');
    const first = await connect(false);
    expect(await first.command('p1', `AUTHENTICATE PLAIN ${plain}`)).toMatch(/^p1 OK/m);

    const second = await connect(false);
    second.send('p2 AUTHENTICATE PLAIN\r\n');
    await second.until(/^\+ ?\r\n/m);
    second.send(`${plain}\r\n`);
    expect(await second.until(/^p2 .*\r\n/m)).toMatch(/^p2 OK/m);
  });

  it('refuses a wrong password with NO [AUTHENTICATIONFAILED] and hangs up after three', async () => {
    const client = await connect(false);
    for (const tag of ['w1', 'w2']) {
      expect(await client.command(tag, `LOGIN "${USER}" "mala"`)).toMatch(
        new RegExp(`^${tag} NO \\[AUTHENTICATIONFAILED\\]`, 'm'),
      );
    }
    const bad = Buffer.from(`\u0000${USER}\u0000mala`).toString('base64');
    const third = await client.command('w3', `AUTHENTICATE PLAIN ${bad}`);
    expect(third).toMatch(/^w3 NO \[AUTHENTICATIONFAILED\]/m);
    expect(await client.until(/^\* BYE .*\r\n/m)).toContain('Too many failed logins');
    await client.closed();
  });

  it('answers BAD to unknown commands, bad syntax and commands in the wrong state', async () => {
    const client = await connect(false);
    expect(await client.command('b1', 'SELECT INBOX')).toMatch(/^b1 BAD/m);
    expect(await client.command('b2', 'LOGIN "sin cerrar')).toMatch(/^b2 BAD Unterminated quoted string/m);
    expect(await client.command('b3', 'BAILAR')).toMatch(/^b3 BAD/m);
    expect(await client.command('b4', 'STARTTLS')).toMatch(/^b4 BAD/m);
    const loggedInClient = await connect();
    expect(await loggedInClient.command('b5', 'FETCH 1 FLAGS')).toMatch(/^b5 BAD No mailbox selected/m);
    await loggedInClient.command('b6', 'SELECT INBOX');
    expect(await loggedInClient.command('b7', 'FETCH 1 (ENVELOPE)')).toMatch(
      /^b7 BAD Unsupported fetch item/m,
    );
    expect(await loggedInClient.command('b8', 'SEARCH SINCE 1-Jan-2026')).toMatch(
      /^b8 BAD Unsupported search key/m,
    );
    expect(await loggedInClient.command('b9', 'FETCH 1:x FLAGS')).toMatch(/^b9 BAD Invalid sequence set/m);
  });

  it('selects INBOX with the data a client needs and refuses other folders', async () => {
    sandbox.deliver(message('uno'), { flags: ['\\Seen'] });
    sandbox.deliver(message('dos'));
    const client = await connect();
    const answer = await client.command('s1', 'SELECT inbox');
    expect(answer).toContain('* 2 EXISTS');
    expect(answer).toContain('* OK [UNSEEN 2]');
    expect(answer).toMatch(/\* OK \[UIDVALIDITY \d+\]/);
    expect(answer).toContain('* OK [UIDNEXT 3]');
    expect(answer).toContain('\\Seen');
    expect(answer).toMatch(/^s1 OK \[READ-WRITE\]/m);
    expect(await client.command('s2', 'SELECT Enviados')).toMatch(/^s2 NO \[NONEXISTENT\]/m);
    expect(await client.command('s3', 'LIST "" "*"')).toContain('* LIST (\\HasNoChildren) "/" INBOX');
    expect(await client.command('s4', 'LIST "" "Enviados"')).not.toContain('* LIST');
    expect(await client.command('s5', 'STATUS INBOX (MESSAGES UNSEEN UIDNEXT)')).toContain(
      '* STATUS INBOX (MESSAGES 2 UNSEEN 1 UIDNEXT 3)',
    );
  });

  it('searches by flag, UID, sequence, NOT, OR and text', async () => {
    sandbox.deliver(message('Petición alumbrado'), { flags: ['\\Seen'] });
    sandbox.deliver(message('Queja ruido'));
    sandbox.deliver(message('Reclamo agua', 'huecos en la vía'));
    const client = await connect();
    await client.command('q0', 'SELECT INBOX');
    expect(await client.command('q1', 'UID SEARCH UNSEEN')).toContain('* SEARCH 2 3\r\n');
    expect(await client.command('q2', 'SEARCH SEEN')).toContain('* SEARCH 1\r\n');
    expect(await client.command('q3', 'SEARCH NOT 1:2')).toContain('* SEARCH 3\r\n');
    expect(await client.command('q4', 'UID SEARCH OR SEEN UID 3')).toContain('* SEARCH 1 3\r\n');
    expect(await client.command('q5', 'SEARCH SUBJECT "queja"')).toContain('* SEARCH 2\r\n');
    expect(await client.command('q6', 'SEARCH CHARSET UTF-8 BODY "vía"')).toContain('* SEARCH 3\r\n');
    expect(await client.command('q7', 'UID SEARCH UID 7:*')).toContain('* SEARCH 3\r\n');
    expect(await client.command('q8', 'SEARCH (UNSEEN) DELETED')).toContain('* SEARCH\r\n');
  });

  it('fetches sources as literals: PEEK keeps the message unseen, BODY[] marks it seen', async () => {
    const raw = message('Fuente', 'Línea con tilde');
    const uid = sandbox.deliver(raw);
    const client = await connect();
    await client.command('f0', 'SELECT INBOX');
    const bytes = Buffer.from(raw.replace(/\n/g, '\r\n'));

    const peek = await client.command('f1', `UID FETCH ${uid} (UID RFC822.SIZE BODY.PEEK[])`);
    expect(peek).toContain(`* 1 FETCH (UID ${uid} RFC822.SIZE ${bytes.length} BODY[] {${bytes.length}}\r\n`);
    expect(peek).toContain(bytes.toString('utf8'));
    expect(sandbox.messages()[0]?.seen).toBe(false);

    const partial = await client.command('f2', 'FETCH 1 (BODY.PEEK[]<0.4>)');
    expect(partial).toContain('* 1 FETCH (BODY[]<0> {4}\r\nFrom)');

    const header = await client.command('f3', 'FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
    expect(header).toContain('BODY[HEADER.FIELDS (SUBJECT)] {19}\r\nSubject: Fuente\r\n\r\n)');

    const full = await client.command('f4', 'FETCH 1 BODY[TEXT]');
    expect(full).toContain('FLAGS (\\Seen)');
    expect(sandbox.messages()[0]?.seen).toBe(true);
  });

  it('stores flags, with and without .SILENT, and refuses in a read-only EXAMINE', async () => {
    sandbox.deliver(message('uno'));
    sandbox.deliver(message('dos'));
    const client = await connect();
    await client.command('t0', 'SELECT INBOX');
    expect(await client.command('t1', 'UID STORE 1:* +FLAGS (\\Seen \\Flagged)')).toContain(
      '* 2 FETCH (UID 2 FLAGS (\\Seen \\Flagged))',
    );
    expect(await client.command('t2', 'STORE 1 -FLAGS.SILENT (\\Flagged)')).not.toContain('FETCH');
    expect(sandbox.messages().map((entry) => entry.flags)).toEqual([['\\Seen'], ['\\Seen', '\\Flagged']]);
    expect(await client.command('t3', 'STORE 1 +FLAGS (\\Recent)')).toMatch(/^t3 BAD Invalid flag/m);

    await client.command('t4', 'EXAMINE INBOX');
    expect(await client.command('t5', 'STORE 1 -FLAGS (\\Seen)')).toMatch(/^t5 NO \[READ-ONLY\]/m);
    await client.command('t6', 'FETCH 2 BODY[]');
    expect(sandbox.messages()[0]?.seen).toBe(true);
  });

  it('appends a message sent as a literal and tells an idling client about new mail', async () => {
    const client = await connect();
    await client.command('i0', 'SELECT INBOX');
    client.send('i1 IDLE\r\n');
    await client.until(/^\+ idling\r\n/m);
    sandbox.deliver(message('mientras espera'));
    await client.until(/^\* 1 EXISTS\r\n/m);

    const other = await connect();
    const raw = Buffer.from(message('por APPEND').replace(/\n/g, '\r\n'));
    other.send(`a1 APPEND INBOX (\\Flagged) {${raw.length}}\r\n`);
    await other.until(/^\+ .*\r\n/m);
    other.send(Buffer.concat([raw, Buffer.from('\r\n')]));
    expect(await other.until(/^a1 .*\r\n/m)).toMatch(/^a1 OK/m);

    client.send('DONE\r\n');
    const done = await client.until(/^i1 .*\r\n/m);
    expect(done).toContain('* 2 EXISTS');
    expect(done).toMatch(/^i1 OK IDLE terminated/m);
    expect(sandbox.messages().map((entry) => entry.flags)).toEqual([[], ['\\Flagged']]);
  });

  it('is usable by imapflow: APPEND, listing, fetching headers and logging out', async () => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: sandbox.port,
      secure: false,
      auth: { user: USER, pass: PASSWORD, loginMethod: 'LOGIN' },
      logger: false,
      disableAutoIdle: true,
    });
    await client.connect();
    await client.append('INBOX', message('desde imapflow'), ['\\Draft']);
    const folders = await client.list();
    expect(folders.map((folder) => folder.path)).toEqual(['INBOX']);
    const lock = await client.getMailboxLock('INBOX');
    try {
      const fetched = await client.fetchAll('1:*', { uid: true, flags: true, headers: ['subject'] });
      expect(
        fetched.map((entry) => [entry.uid, [...(entry.flags ?? [])], entry.headers?.toString().trim()]),
      ).toEqual([[1, ['\\Draft'], 'Subject: desde imapflow']]);
    } finally {
      lock.release();
    }
    await client.logout();
    expect(sandbox.messages().map((entry) => entry.seen)).toEqual([false]);
  });
});
