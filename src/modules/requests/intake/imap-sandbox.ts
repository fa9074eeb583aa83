import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';

/**
 * A small IMAP4rev1 server (RFC 3501) on plain TCP with one in-memory INBOX, for tests and the demo.
 * It implements what an IMAP client needs to read a mailbox: CAPABILITY, NOOP, ID, LOGOUT, LOGIN,
 * AUTHENTICATE PLAIN, NAMESPACE, LIST, LSUB, STATUS, SELECT, EXAMINE, SEARCH, FETCH (UID, FLAGS,
 * INTERNALDATE, RFC822.SIZE, RFC822*, BODY[]/BODY.PEEK[] with HEADER, HEADER.FIELDS[.NOT], TEXT and
 * partial ranges), STORE, UID SEARCH/FETCH/STORE, APPEND, CHECK, CLOSE, UNSELECT and IDLE, with
 * synchronising ({n}) and non-synchronising ({n+}) literals. Messages are never removed (EXPUNGE
 * answers NO), so sequence numbers never change. Not for production: no TLS, one user.
 */

export interface ImapSandboxOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  user: string;
  password: string;
  /** Receives one line per command (passwords hidden) and per connection. */
  log?: (line: string) => void;
}

export interface ImapSandboxMessage {
  uid: number;
  seen: boolean;
  flags: string[];
}

export interface ImapSandbox {
  port: number;
  /** `imap://user:password@127.0.0.1:port/INBOX`, the form PQRSD_IMAP_URL takes. */
  url: string;
  /** Puts a message in the INBOX, unseen, and returns its UID. Bare LF line ends become CRLF. */
  deliver(raw: Buffer | string, options?: { flags?: string[]; internalDate?: Date }): number;
  messages(): ImapSandboxMessage[];
  /** Client connections still open (a client that logged out leaves none). */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startImapSandbox(options: ImapSandboxOptions): Promise<ImapSandbox> {
  const host = options.host ?? '127.0.0.1';
  const mailbox: Mailbox = {
    uidValidity: Math.floor(Date.now() / 1000) % 2_000_000_000,
    uidNext: 1,
    messages: [],
  };
  const sessions = new Set<Session>();
  const sockets = new Set<net.Socket>();
  const log = options.log ?? (() => {});

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const session = new Session(socket, mailbox, options, log);
    sessions.add(session);
    socket.on('close', () => {
      sockets.delete(socket);
      sessions.delete(session);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;
  const url = `imap://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@${host}:${port}/INBOX`;

  return {
    port,
    url,
    deliver(raw, deliverOptions = {}) {
      const message = store(mailbox, raw, deliverOptions.flags ?? [], deliverOptions.internalDate);
      for (const session of sessions) session.notifyNewMessages();
      return message.uid;
    },
    messages() {
      return mailbox.messages.map((message) => ({
        uid: message.uid,
        seen: message.flags.has('\\Seen'),
        flags: [...message.flags],
      }));
    },
    openConnections() {
      return sockets.size;
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The mailbox

interface StoredMessage {
  uid: number;
  raw: Buffer;
  flags: Set<string>;
  internalDate: Date;
}

interface Mailbox {
  uidValidity: number;
  uidNext: number;
  messages: StoredMessage[];
}

const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

function store(mailbox: Mailbox, raw: Buffer | string, flags: string[], internalDate?: Date): StoredMessage {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
  const normalized = Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  const message: StoredMessage = {
    uid: mailbox.uidNext++,
    raw: normalized,
    flags: new Set(flags.map(canonicalFlag).filter((flag): flag is string => flag !== null)),
    internalDate: internalDate ?? new Date(),
  };
  mailbox.messages.push(message);
  return message;
}

/** `\seen` → `\Seen`; keywords unchanged; null for an unknown system flag such as \Recent. */
function canonicalFlag(flag: string): string | null {
  if (!flag.startsWith('\\')) return /^[^\s(){%*"\\\]]+$/.test(flag) ? flag : null;
  return SYSTEM_FLAGS.find((known) => known.toLowerCase() === flag.toLowerCase()) ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Command syntax: tokens, literals, sequence sets

type Token =
  | { type: 'atom'; value: string }
  | { type: 'string'; value: string; bytes: Buffer }
  | { type: 'list'; items: Token[] };

class ImapSyntaxError extends Error {}

/** Reads tokens from one command: text parts, each followed by the literal it announced. */
class TokenReader {
  private part = 0;
  private pos = 0;

  constructor(private readonly parts: (string | Buffer)[]) {}

  /** The next token, or null at the end of the command or of the current list. */
  next(): Token | null {
    this.skipSpaces();
    const current = this.parts[this.part];
    if (current === undefined) return null;
    if (Buffer.isBuffer(current)) {
      this.part++;
      this.pos = 0;
      return { type: 'string', value: current.toString('utf8'), bytes: current };
    }
    const char = current[this.pos];
    if (char === undefined) {
      this.part++;
      this.pos = 0;
      return this.next();
    }
    if (char === ')') return null;
    if (char === '(') {
      this.pos++;
      const items: Token[] = [];
      for (let token = this.next(); token; token = this.next()) items.push(token);
      if (this.peekChar() !== ')') throw new ImapSyntaxError('Missing )');
      this.pos++;
      return { type: 'list', items };
    }
    if (char === '"') return this.quoted(current);
    return this.atom(current);
  }

  /** Everything read: a stray `)` or trailing text is a syntax error. */
  end(): void {
    this.skipSpaces();
    if (this.peekChar() !== undefined || this.part < this.parts.length - 1) {
      throw new ImapSyntaxError('Unexpected trailing arguments');
    }
  }

  private peekChar(): string | undefined {
    const current = this.parts[this.part];
    return typeof current === 'string' ? current[this.pos] : undefined;
  }

  private skipSpaces(): void {
    const current = this.parts[this.part];
    if (typeof current !== 'string') return;
    while (current[this.pos] === ' ') this.pos++;
    if (this.pos >= current.length && this.part < this.parts.length - 1) {
      this.part++;
      this.pos = 0;
      this.skipSpaces();
    }
  }

  private quoted(text: string): Token {
    let value = '';
    let index = this.pos + 1;
    for (;;) {
      const char = text[index];
      if (char === undefined) throw new ImapSyntaxError('Unterminated quoted string');
      if (char === '"') break;
      if (char === '\\') {
        const escaped = text[index + 1];
        if (escaped !== '"' && escaped !== '\\') throw new ImapSyntaxError('Invalid escape in quoted string');
        value += escaped;
        index += 2;
        continue;
      }
      value += char;
      index++;
    }
    this.pos = index + 1;
    return { type: 'string', value, bytes: Buffer.from(value, 'utf8') };
  }

  private atom(text: string): Token {
    let index = this.pos;
    let depth = 0;
    for (;;) {
      const char = text[index];
      if (char === undefined) break;
      if (char === '[') depth++;
      else if (char === ']') depth = Math.max(0, depth - 1);
      else if (depth === 0 && (char === ' ' || char === '(' || char === ')' || char === '"')) break;
      index++;
    }
    if (depth > 0) throw new ImapSyntaxError('Missing ]');
    const value = text.slice(this.pos, index);
    if (!value) throw new ImapSyntaxError('Empty atom');
    this.pos = index;
    return { type: 'atom', value };
  }
}

function text(token: Token | null): string | null {
  if (!token || token.type === 'list') return null;
  return token.value;
}

function requireText(token: Token | null, what: string): string {
  const value = text(token);
  if (value === null) throw new ImapSyntaxError(`Missing ${what}`);
  return value;
}

/** A sequence set (`1:*,4`) as a membership test; `*` stands for `largest`. */
function sequenceSet(value: string, largest: number): (n: number) => boolean {
  if (!/^(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*$/.test(value)) {
    throw new ImapSyntaxError(`Invalid sequence set ${value}`);
  }
  const ranges = value.split(',').map((range) => {
    const [a, b = a] = range.split(':').map((n) => (n === '*' ? largest : Number(n)));
    return [Math.min(a ?? 0, b ?? 0), Math.max(a ?? 0, b ?? 0)] as const;
  });
  return (n) => ranges.some(([low, high]) => n >= low && n <= high);
}

// ---------------------------------------------------------------------------------------------------------
// Header helpers for FETCH BODY[HEADER...] and SEARCH

function splitMessage(raw: Buffer): { header: Buffer; body: Buffer } {
  const index = raw.indexOf('\r\n\r\n');
  if (index < 0) return { header: raw, body: Buffer.alloc(0) };
  return { header: raw.subarray(0, index + 4), body: raw.subarray(index + 4) };
}

function headerFields(header: Buffer): { name: string; raw: string }[] {
  const fields: { name: string; raw: string }[] = [];
  for (const line of header.toString('latin1').split('\r\n')) {
    if (!line) continue;
    const last = fields[fields.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last.raw += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    fields.push({ name: (colon > 0 ? line.slice(0, colon) : line).trim().toLowerCase(), raw: line });
  }
  return fields;
}

function selectHeaderFields(header: Buffer, names: string[], exclude: boolean): Buffer {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const kept = headerFields(header).filter((field) => wanted.has(field.name) !== exclude);
  return Buffer.from(`${kept.map((field) => `${field.raw}\r\n`).join('')}\r\n`, 'latin1');
}

function formatInternalDate(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, ' ');
  return (
    `${day}-${months[date.getUTCMonth()]}-${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

// ---------------------------------------------------------------------------------------------------------
// One connection

const CAPABILITIES = 'IMAP4rev1 AUTH=PLAIN ID IDLE NAMESPACE UNSELECT';
const MAX_LINE_BYTES = 64 * 1024;
const MAX_LITERAL_BEFORE_LOGIN = 8 * 1024;
const MAX_LITERAL_BYTES = 50 * 1024 * 1024;
const MAX_FAILED_LOGINS = 3;

type State = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

interface PendingContinuation {
  tag: string;
  /** Receives the next line the client sends instead of a command. */
  onLine(line: string): void;
}

interface FetchItem {
  /** Name in the response, e.g. `BODY[HEADER]<0>`. */
  name: string;
  kind: 'uid' | 'flags' | 'internaldate' | 'size' | 'body';
  section?: string;
  fields?: string[];
  partial?: { start: number; length: number | null };
  setsSeen?: boolean;
}

class Session {
  private state: State = 'not-authenticated';
  private readOnly = false;
  private knownExists = 0;
  private failedLogins = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private parts: (string | Buffer)[] = [];
  private literalNeeded: number | null = null;
  private continuation: PendingContinuation | null = null;
  private idleTag: string | null = null;

  constructor(
    private readonly socket: net.Socket,
    private readonly mailbox: Mailbox,
    private readonly options: ImapSandboxOptions,
    private readonly log: (line: string) => void,
  ) {
    // Responses go out in several small writes; without this, Nagle and delayed ACKs add ~40 ms each.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    this.log(`connection from ${socket.remoteAddress}:${socket.remotePort}`);
    this.send(`* OK [CAPABILITY ${CAPABILITIES}] Alcaldia Digital IMAP sandbox ready`);
  }

  /** Called by deliver(): an idling client hears about new messages at once. */
  notifyNewMessages(): void {
    if (this.idleTag && this.state === 'selected') this.sendExists();
  }

  // ---- framing

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (!this.socket.destroyed) {
      if (this.literalNeeded !== null) {
        if (this.buffer.length < this.literalNeeded) return;
        this.parts.push(Buffer.from(this.buffer.subarray(0, this.literalNeeded)));
        this.buffer = this.buffer.subarray(this.literalNeeded);
        this.literalNeeded = null;
        continue;
      }
      const end = this.buffer.indexOf('\n');
      if (end < 0) {
        if (this.buffer.length > MAX_LINE_BYTES) this.bye('Line too long');
        return;
      }
      const line = this.buffer.subarray(0, end).toString('utf8').replace(/\r$/, '');
      this.buffer = this.buffer.subarray(end + 1);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (this.continuation && this.parts.length === 0) {
      const pending = this.continuation;
      this.continuation = null;
      pending.onLine(line);
      return;
    }
    const literal = /\{(\d{1,10})(\+?)\}$/.exec(line);
    if (literal) {
      const size = Number(literal[1]);
      const nonSynchronising = literal[2] === '+';
      const max = this.state === 'not-authenticated' ? MAX_LITERAL_BEFORE_LOGIN : MAX_LITERAL_BYTES;
      if (size > max) {
        if (nonSynchronising) {
          this.bye('Literal too large');
          return;
        }
        const tag = (this.parts.length ? String(this.parts[0]) : line).split(' ', 1)[0] || '*';
        this.parts = [];
        this.send(`${tag} BAD Literal too large`);
        return;
      }
      this.parts.push(line.slice(0, literal.index));
      this.literalNeeded = size;
      if (!nonSynchronising) this.send('+ Ready for literal data');
      return;
    }
    this.parts.push(line);
    const parts = this.parts;
    this.parts = [];
    this.command(parts);
  }

  private send(line: string): void {
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
  }

  private sendBuffers(buffers: Buffer[]): void {
    if (!this.socket.destroyed) this.socket.write(Buffer.concat(buffers));
  }

  private bye(reason: string): void {
    this.send(`* BYE ${reason}`);
    this.state = 'logout';
    this.socket.end();
  }

  // ---- dispatch

  private command(parts: (string | Buffer)[]): void {
    const reader = new TokenReader(parts);
    let tag = '*';
    try {
      const tagToken = reader.next();
      if (!tagToken) return; // empty line
      tag = requireText(tagToken, 'tag');
      if (tagToken.type !== 'atom' || /[+*%]/.test(tag)) {
        tag = '*';
        throw new ImapSyntaxError('Invalid tag');
      }
      let name = requireText(reader.next(), 'command').toUpperCase();
      if (name === 'UID') name = `UID ${requireText(reader.next(), 'UID command').toUpperCase()}`;
      this.log(`C: ${tag} ${name === 'LOGIN' ? 'LOGIN (credentials hidden)' : name}`);
      this.dispatch(tag, name, reader);
    } catch (error) {
      if (error instanceof ImapSyntaxError) {
        this.send(`${tag} BAD ${error.message}`);
        return;
      }
      this.send(`${tag} NO Server error`);
      this.log(`error: ${(error as Error).stack ?? error}`);
    }
  }

  private dispatch(tag: string, name: string, reader: TokenReader): void {
    switch (name) {
      case 'CAPABILITY':
        reader.end();
        this.send(`* CAPABILITY ${CAPABILITIES}`);
        this.ok(tag, 'CAPABILITY completed');
        return;
      case 'NOOP':
      case 'CHECK':
        reader.end();
        this.ok(tag, `${name} completed`);
        return;
      case 'ID':
        this.send('* ID ("name" "alcaldia-digital-imap-sandbox" "vendor" "Alcaldia Digital")');
        this.ok(tag, 'ID completed');
        return;
      case 'LOGOUT':
        reader.end();
        this.send('* BYE Logging out');
        this.ok(tag, 'LOGOUT completed');
        this.state = 'logout';
        this.socket.end();
        return;
      case 'STARTTLS':
        this.send(`${tag} BAD STARTTLS is not available in the sandbox`);
        return;
      case 'LOGIN':
        this.login(tag, reader);
        return;
      case 'AUTHENTICATE':
        this.authenticate(tag, reader);
        return;
    }
    if (this.state === 'not-authenticated') {
      this.send(`${tag} BAD Command not valid before login or unknown: ${name}`);
      return;
    }
    switch (name) {
      case 'NAMESPACE':
        reader.end();
        this.send('* NAMESPACE (("" "/")) NIL NIL');
        this.ok(tag, 'NAMESPACE completed');
        return;
      case 'ENABLE':
        this.send('* ENABLED');
        this.ok(tag, 'ENABLE completed');
        return;
      case 'LIST':
      case 'LSUB':
        this.list(tag, name, reader);
        return;
      case 'STATUS':
        this.status(tag, reader);
        return;
      case 'SELECT':
      case 'EXAMINE':
        this.select(tag, name, reader);
        return;
      case 'APPEND':
        this.append(tag, reader);
        return;
      case 'CREATE':
      case 'DELETE':
      case 'RENAME':
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        this.send(`${tag} NO [CANNOT] The sandbox has only INBOX`);
        return;
    }
    if (this.state !== 'selected') {
      this.send(`${tag} BAD No mailbox selected or unknown command: ${name}`);
      return;
    }
    switch (name) {
      case 'CLOSE':
      case 'UNSELECT':
        reader.end();
        this.state = 'authenticated';
        this.send(`${tag} OK ${name} completed`);
        return;
      case 'EXPUNGE':
      case 'UID EXPUNGE':
        this.send(`${tag} NO [CANNOT] The sandbox never removes messages`);
        return;
      case 'SEARCH':
      case 'UID SEARCH':
        this.search(tag, name.startsWith('UID'), reader);
        return;
      case 'FETCH':
      case 'UID FETCH':
        this.fetch(tag, name.startsWith('UID'), reader);
        return;
      case 'STORE':
      case 'UID STORE':
        this.storeFlags(tag, name.startsWith('UID'), reader);
        return;
      case 'IDLE':
        reader.end();
        this.idleTag = tag;
        this.send('+ idling');
        this.continuation = { tag, onLine: (line) => this.endIdle(line) };
        return;
    }
    this.send(`${tag} BAD Unknown command ${name}`);
  }

  private ok(tag: string, text: string): void {
    if (this.state === 'selected') this.sendExists();
    this.send(`${tag} OK ${text}`);
  }

  private sendExists(): void {
    const exists = this.mailbox.messages.length;
    if (exists !== this.knownExists) {
      this.knownExists = exists;
      this.send(`* ${exists} EXISTS`);
    }
  }

  private endIdle(line: string): void {
    const tag = this.idleTag ?? '*';
    this.idleTag = null;
    if (line.trim().toUpperCase() !== 'DONE') {
      this.send(`${tag} BAD Expected DONE`);
      return;
    }
    this.ok(tag, 'IDLE terminated');
  }

  // ---- authentication

  private checkCredentials(user: string, password: string): boolean {
    const same = (a: string, b: string) => {
      const x = Buffer.from(a, 'utf8');
      const y = Buffer.from(b, 'utf8');
      return x.length === y.length && timingSafeEqual(x, y);
    };
    return same(user, this.options.user) && same(password, this.options.password);
  }

  private finishLogin(tag: string, accepted: boolean): void {
    if (accepted) {
      this.state = 'authenticated';
      this.send(`${tag} OK [CAPABILITY ${CAPABILITIES}] Logged in`);
      return;
    }
    this.failedLogins++;
    this.send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials`);
    if (this.failedLogins >= MAX_FAILED_LOGINS) this.bye('Too many failed logins');
  }

  private login(tag: string, reader: TokenReader): void {
    if (this.state !== 'not-authenticated') {
      this.send(`${tag} BAD Already logged in`);
      return;
    }
    const user = requireText(reader.next(), 'user name');
    const password = requireText(reader.next(), 'password');
    reader.end();
    this.finishLogin(tag, this.checkCredentials(user, password));
  }

  private authenticate(tag: string, reader: TokenReader): void {
    if (this.state !== 'not-authenticated') {
      this.send(`${tag} BAD Already logged in`);
      return;
    }
    const mechanism = requireText(reader.next(), 'mechanism').toUpperCase();
    if (mechanism !== 'PLAIN') {
      this.send(`${tag} NO Unsupported authentication mechanism`);
      return;
    }
    const initial = text(reader.next());
    reader.end();
    const answer = (response: string) => {
      if (response.trim() === '*') {
        this.send(`${tag} BAD Authentication cancelled`);
        return;
      }
      const decoded = Buffer.from(response.trim() === '=' ? '' : response.trim(), 'base64').toString('utf8');
      const [, user = '', password = ''] = decoded.split('\u0000');
      this.finishLogin(tag, decoded.split('\u0000').length === 3 && this.checkCredentials(user, password));
    };
    if (initial !== null) {
      answer(initial);
      return;
    }
    this.send('+ ');
    this.continuation = { tag, onLine: answer };
  }

  // ---- mailboxes

  private isInbox(name: string): boolean {
    return name.toUpperCase() === 'INBOX';
  }

  private list(tag: string, name: string, reader: TokenReader): void {
    const first = reader.next();
    if (first?.type === 'list') {
      this.send(`${tag} BAD LIST-EXTENDED is not supported`);
      return;
    }
    const reference = requireText(first, 'reference');
    const pattern = requireText(reader.next(), 'mailbox pattern');
    const rest = reader.next();
    if (rest) {
      this.send(`${tag} BAD LIST-EXTENDED is not supported`);
      return;
    }
    if (pattern === '') {
      if (name === 'LIST') this.send(`* LIST (\\Noselect) "/" ""`);
      this.ok(tag, `${name} completed`);
      return;
    }
    const full = `${reference}${pattern}`;
    const regex = new RegExp(
      `^${full
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/%/g, '[^/]*')}$`,
      'i',
    );
    if (regex.test('INBOX')) this.send(`* ${name} (\\HasNoChildren) "/" INBOX`);
    this.ok(tag, `${name} completed`);
  }

  private status(tag: string, reader: TokenReader): void {
    const name = requireText(reader.next(), 'mailbox');
    const items = reader.next();
    reader.end();
    if (items?.type !== 'list') throw new ImapSyntaxError('Missing status items');
    if (!this.isInbox(name)) {
      this.send(`${tag} NO [NONEXISTENT] Unknown mailbox`);
      return;
    }
    const values: string[] = [];
    for (const item of items.items) {
      const key = requireText(item, 'status item').toUpperCase();
      const messages = this.mailbox.messages;
      const value: Record<string, number> = {
        MESSAGES: messages.length,
        RECENT: 0,
        UIDNEXT: this.mailbox.uidNext,
        UIDVALIDITY: this.mailbox.uidValidity,
        UNSEEN: messages.filter((message) => !message.flags.has('\\Seen')).length,
      };
      if (!(key in value)) {
        this.send(`${tag} BAD Unsupported status item ${key}`);
        return;
      }
      values.push(`${key} ${value[key]}`);
    }
    this.send(`* STATUS INBOX (${values.join(' ')})`);
    this.ok(tag, 'STATUS completed');
  }

  private select(tag: string, name: string, reader: TokenReader): void {
    const mailboxName = requireText(reader.next(), 'mailbox');
    if (reader.next()) {
      this.send(`${tag} BAD SELECT parameters are not supported`);
      return;
    }
    if (!this.isInbox(mailboxName)) {
      this.state = 'authenticated';
      this.send(`${tag} NO [NONEXISTENT] Unknown mailbox`);
      return;
    }
    const messages = this.mailbox.messages;
    this.state = 'selected';
    this.readOnly = name === 'EXAMINE';
    this.knownExists = messages.length;
    this.send(`* FLAGS (${SYSTEM_FLAGS.join(' ')})`);
    this.send(`* OK [PERMANENTFLAGS (${SYSTEM_FLAGS.join(' ')} \\*)] Flags permitted`);
    this.send(`* ${messages.length} EXISTS`);
    this.send('* 0 RECENT');
    const firstUnseen = messages.findIndex((message) => !message.flags.has('\\Seen'));
    if (firstUnseen >= 0) this.send(`* OK [UNSEEN ${firstUnseen + 1}] First unseen`);
    this.send(`* OK [UIDVALIDITY ${this.mailbox.uidValidity}] UIDs valid`);
    this.send(`* OK [UIDNEXT ${this.mailbox.uidNext}] Predicted next UID`);
    this.send(`${tag} OK [${this.readOnly ? 'READ-ONLY' : 'READ-WRITE'}] ${name} completed`);
  }

  private append(tag: string, reader: TokenReader): void {
    const name = requireText(reader.next(), 'mailbox');
    const args: Token[] = [];
    for (let token = reader.next(); token; token = reader.next()) args.push(token);
    reader.end();
    const message = args.pop();
    if (message?.type !== 'string' || !message.bytes.length) {
      throw new ImapSyntaxError('Missing message literal');
    }
    let flags: string[] = [];
    let internalDate: Date | undefined;
    for (const arg of args) {
      if (arg.type === 'list' && !flags.length && !internalDate) {
        flags = arg.items.map((item) => requireText(item, 'flag'));
      } else if (arg.type === 'string' && !internalDate) {
        internalDate = new Date(arg.value.replace(/^\s*(\d+)-(\w+)-(\d+) /, '$2 $1 $3 '));
        if (Number.isNaN(internalDate.getTime())) throw new ImapSyntaxError('Invalid date-time');
      } else {
        throw new ImapSyntaxError('Unexpected APPEND arguments');
      }
    }
    if (!this.isInbox(name)) {
      this.send(`${tag} NO [TRYCREATE] Unknown mailbox`);
      return;
    }
    if (flags.some((flag) => canonicalFlag(flag) === null)) {
      this.send(`${tag} BAD Invalid flag`);
      return;
    }
    store(this.mailbox, message.bytes, flags, internalDate);
    this.ok(tag, 'APPEND completed');
  }

  // ---- messages

  /** The messages of a set, with their sequence numbers, in mailbox order. */
  private resolve(set: string, byUid: boolean): { seq: number; message: StoredMessage }[] {
    const messages = this.mailbox.messages;
    const largest = byUid ? (messages[messages.length - 1]?.uid ?? 0) : messages.length;
    const matches = sequenceSet(set, largest);
    return messages
      .map((message, index) => ({ seq: index + 1, message }))
      .filter(({ seq, message }) => matches(byUid ? message.uid : seq));
  }

  private search(tag: string, byUid: boolean, reader: TokenReader): void {
    const tokens: Token[] = [];
    for (let token = reader.next(); token; token = reader.next()) tokens.push(token);
    reader.end();
    if (text(tokens[0] ?? null)?.toUpperCase() === 'CHARSET') {
      const charset = requireText(tokens[1] ?? null, 'charset').toUpperCase();
      if (charset !== 'UTF-8' && charset !== 'US-ASCII') {
        this.send(`${tag} NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset`);
        return;
      }
      tokens.splice(0, 2);
    }
    if (!tokens.length) throw new ImapSyntaxError('Missing search criteria');
    const messages = this.mailbox.messages;
    const largestUid = messages[messages.length - 1]?.uid ?? 0;
    const criteria = new SearchCompiler(tokens, messages.length, largestUid).all();
    const found = messages
      .map((message, index) => ({ seq: index + 1, message }))
      .filter((entry) => criteria(entry.message, entry.seq))
      .map(({ seq, message }) => (byUid ? message.uid : seq));
    this.send(found.length ? `* SEARCH ${found.join(' ')}` : '* SEARCH');
    this.ok(tag, `${byUid ? 'UID ' : ''}SEARCH completed`);
  }

  private fetch(tag: string, byUid: boolean, reader: TokenReader): void {
    const set = requireText(reader.next(), 'sequence set');
    const itemsToken = reader.next();
    reader.end();
    if (!itemsToken) throw new ImapSyntaxError('Missing fetch items');
    const items = fetchItems(itemsToken);
    if (byUid && !items.some((item) => item.kind === 'uid')) items.unshift({ name: 'UID', kind: 'uid' });
    for (const { seq, message } of this.resolve(set, byUid)) {
      const changesSeen =
        !this.readOnly && items.some((item) => item.setsSeen) && !message.flags.has('\\Seen');
      if (changesSeen) message.flags.add('\\Seen');
      if (changesSeen && !items.some((item) => item.kind === 'flags')) {
        items.push({ name: 'FLAGS', kind: 'flags' });
      }
      const buffers: Buffer[] = [Buffer.from(`* ${seq} FETCH (`)];
      items.forEach((item, index) => {
        const space = index ? ' ' : '';
        if (item.kind === 'body') {
          const data = bodyData(message.raw, item);
          buffers.push(Buffer.from(`${space}${item.name} {${data.length}}\r\n`), data);
          return;
        }
        buffers.push(Buffer.from(`${space}${item.name} ${simpleValue(item, message)}`));
      });
      buffers.push(Buffer.from(')\r\n'));
      this.sendBuffers(buffers);
    }
    this.ok(tag, `${byUid ? 'UID ' : ''}FETCH completed`);
  }

  private storeFlags(tag: string, byUid: boolean, reader: TokenReader): void {
    const set = requireText(reader.next(), 'sequence set');
    const operationText = requireText(reader.next(), 'store operation').toUpperCase();
    const operation = /^([+-]?)FLAGS(\.SILENT)?$/.exec(operationText);
    if (!operation) throw new ImapSyntaxError(`Unsupported store operation ${operationText}`);
    const flags: string[] = [];
    for (let token = reader.next(); token; token = reader.next()) {
      if (token.type === 'list') flags.push(...token.items.map((item) => requireText(item, 'flag')));
      else flags.push(token.value);
    }
    reader.end();
    const canonical = flags.map(canonicalFlag);
    if (canonical.some((flag) => flag === null)) {
      this.send(`${tag} BAD Invalid flag`);
      return;
    }
    if (this.readOnly) {
      this.send(`${tag} NO [READ-ONLY] Mailbox is read-only`);
      return;
    }
    for (const { seq, message } of this.resolve(set, byUid)) {
      if (operation[1] === '') message.flags.clear();
      for (const flag of canonical as string[]) {
        if (operation[1] === '-') message.flags.delete(flag);
        else message.flags.add(flag);
      }
      if (!operation[2]) {
        const uid = byUid ? `UID ${message.uid} ` : '';
        this.send(`* ${seq} FETCH (${uid}FLAGS (${[...message.flags].join(' ')}))`);
      }
    }
    this.ok(tag, `${byUid ? 'UID ' : ''}STORE completed`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// FETCH items

function fetchItems(token: Token): FetchItem[] {
  const names =
    token.type === 'list' ? token.items.map((item) => requireText(item, 'fetch item')) : [token.value];
  const expanded = names.flatMap((name) => {
    switch (name.toUpperCase()) {
      case 'FAST':
        return ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'];
      case 'ALL':
      case 'FULL':
        throw new ImapSyntaxError(`${name} needs ENVELOPE, which the sandbox does not support`);
      default:
        return [name];
    }
  });
  return expanded.map(fetchItem);
}

function fetchItem(name: string): FetchItem {
  const upper = name.toUpperCase();
  switch (upper) {
    case 'UID':
      return { name: 'UID', kind: 'uid' };
    case 'FLAGS':
      return { name: 'FLAGS', kind: 'flags' };
    case 'INTERNALDATE':
      return { name: 'INTERNALDATE', kind: 'internaldate' };
    case 'RFC822.SIZE':
      return { name: 'RFC822.SIZE', kind: 'size' };
    case 'RFC822':
      return { name: 'RFC822', kind: 'body', section: '', setsSeen: true };
    case 'RFC822.HEADER':
      return { name: 'RFC822.HEADER', kind: 'body', section: 'HEADER' };
    case 'RFC822.TEXT':
      return { name: 'RFC822.TEXT', kind: 'body', section: 'TEXT', setsSeen: true };
  }
  const body = /^BODY(\.PEEK)?\[([^\]]*)\](?:<(\d+)(?:\.(\d+))?>)?$/i.exec(name);
  if (!body) throw new ImapSyntaxError(`Unsupported fetch item ${name}`);
  const [, peek, rawSection = '', start, length] = body;
  const section = rawSection.trim();
  const fields = /^HEADER\.FIELDS(\.NOT)? \((.*)\)$/i.exec(section);
  const normalizedSection = fields ? `HEADER.FIELDS${fields[1] ? '.NOT' : ''}` : section.toUpperCase();
  if (!['', 'HEADER', 'TEXT', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT'].includes(normalizedSection)) {
    throw new ImapSyntaxError(`Unsupported body section ${section}`);
  }
  return {
    name: `BODY[${fields ? `${normalizedSection} (${fields[2]?.trim()})` : normalizedSection}]${start !== undefined ? `<${start}>` : ''}`,
    kind: 'body',
    section: normalizedSection,
    fields: fields ? (fields[2] ?? '').split(/\s+/).filter(Boolean) : undefined,
    partial:
      start !== undefined ? { start: Number(start), length: length ? Number(length) : null } : undefined,
    setsSeen: !peek,
  };
}

function bodyData(raw: Buffer, item: FetchItem): Buffer {
  const { header, body } = splitMessage(raw);
  let data: Buffer;
  switch (item.section) {
    case 'HEADER':
      data = header;
      break;
    case 'TEXT':
      data = body;
      break;
    case 'HEADER.FIELDS':
      data = selectHeaderFields(header, item.fields ?? [], false);
      break;
    case 'HEADER.FIELDS.NOT':
      data = selectHeaderFields(header, item.fields ?? [], true);
      break;
    default:
      data = raw;
  }
  if (!item.partial) return data;
  const end = item.partial.length === null ? undefined : item.partial.start + item.partial.length;
  return data.subarray(item.partial.start, end);
}

function simpleValue(item: FetchItem, message: StoredMessage): string {
  switch (item.kind) {
    case 'uid':
      return String(message.uid);
    case 'flags':
      return `(${[...message.flags].join(' ')})`;
    case 'internaldate':
      return quote(formatInternalDate(message.internalDate));
    default:
      return String(message.raw.length);
  }
}

// ---------------------------------------------------------------------------------------------------------
// SEARCH criteria

type Criterion = (message: StoredMessage, seq: number) => boolean;

const FLAG_KEYS: Record<string, [string, boolean]> = {
  SEEN: ['\\Seen', true],
  UNSEEN: ['\\Seen', false],
  ANSWERED: ['\\Answered', true],
  UNANSWERED: ['\\Answered', false],
  DELETED: ['\\Deleted', true],
  UNDELETED: ['\\Deleted', false],
  FLAGGED: ['\\Flagged', true],
  UNFLAGGED: ['\\Flagged', false],
  DRAFT: ['\\Draft', true],
  UNDRAFT: ['\\Draft', false],
};

const HEADER_KEYS = new Set(['FROM', 'TO', 'CC', 'BCC', 'SUBJECT']);

class SearchCompiler {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly exists: number,
    private readonly largestUid: number,
  ) {}

  /** Every criterion of the list must hold. */
  all(): Criterion {
    const criteria: Criterion[] = [];
    while (this.index < this.tokens.length) criteria.push(this.one());
    return (message, seq) => criteria.every((criterion) => criterion(message, seq));
  }

  private take(what: string): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new ImapSyntaxError(`Missing ${what}`);
    return token;
  }

  private one(): Criterion {
    const token = this.take('search key');
    if (token.type === 'list') return new SearchCompiler(token.items, this.exists, this.largestUid).all();
    const key = token.value.toUpperCase();
    const flag = FLAG_KEYS[key];
    if (flag) {
      const [name, present] = flag;
      return (message) => message.flags.has(name) === present;
    }
    switch (key) {
      case 'ALL':
      case 'OLD':
        return () => true;
      case 'NEW':
      case 'RECENT':
        return () => false;
      case 'NOT': {
        const inner = this.one();
        return (message, seq) => !inner(message, seq);
      }
      case 'OR': {
        const left = this.one();
        const right = this.one();
        return (message, seq) => left(message, seq) || right(message, seq);
      }
      case 'UID': {
        const matches = sequenceSet(requireText(this.take('UID set'), 'UID set'), this.largestUid);
        return (message) => matches(message.uid);
      }
      case 'KEYWORD':
      case 'UNKEYWORD': {
        const keyword = requireText(this.take('keyword'), 'keyword');
        return (message) => message.flags.has(keyword) === (key === 'KEYWORD');
      }
      case 'LARGER':
      case 'SMALLER': {
        const size = Number(requireText(this.take('size'), 'size'));
        if (!Number.isInteger(size)) throw new ImapSyntaxError('Invalid size');
        return (message) => (key === 'LARGER' ? message.raw.length > size : message.raw.length < size);
      }
      case 'HEADER': {
        const field = requireText(this.take('header name'), 'header name').toLowerCase();
        const needle = requireText(this.take('header value'), 'header value').toLowerCase();
        return (message) =>
          headerFields(splitMessage(message.raw).header).some(
            (entry) => entry.name === field && entry.raw.toLowerCase().includes(needle),
          );
      }
      case 'BODY':
      case 'TEXT': {
        const needle = requireText(this.take('search text'), 'search text').toLowerCase();
        return (message) =>
          (key === 'BODY' ? splitMessage(message.raw).body : message.raw)
            .toString('utf8')
            .toLowerCase()
            .includes(needle);
      }
    }
    if (HEADER_KEYS.has(key)) {
      const field = key.toLowerCase();
      const needle = requireText(this.take('search text'), 'search text').toLowerCase();
      return (message) =>
        headerFields(splitMessage(message.raw).header).some(
          (entry) => entry.name === field && entry.raw.toLowerCase().includes(needle),
        );
    }
    if (/^[\d*:,]+$/.test(key)) {
      const matches = sequenceSet(key, this.exists);
      return (_message, seq) => matches(seq);
    }
    throw new ImapSyntaxError(`Unsupported search key ${key}`);
  }
}
