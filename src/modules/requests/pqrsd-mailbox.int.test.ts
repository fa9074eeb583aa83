import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { type ImapSandbox, startImapSandbox } from './intake/index.ts';
import { pqrsdRequest } from './requests.schema.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'intake', 'fixtures');
const USER = 'pqrsd@bucaramanga.gov.co';
const PASSWORD = 'clave-del-buzon';

let sandbox: ImapSandbox;
let t: TestApp;

beforeAll(async () => {
  sandbox = await startImapSandbox({ port: 0, user: USER, password: PASSWORD });
  t = await createTestApp({ PQRSD_IMAP_URL: sandbox.url });
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});
beforeEach(async () => {
  await t.reset();
});

describe('the PQRSD mailbox over IMAP', () => {
  it('files each new message once, with its attachments, and skips auto-replies', async () => {
    sandbox.deliver(fs.readFileSync(path.join(FIXTURES, 'multipart-pdf.eml')));
    sandbox.deliver(fs.readFileSync(path.join(FIXTURES, 'latin1-subject.eml')));
    sandbox.deliver(fs.readFileSync(path.join(FIXTURES, 'auto-reply.eml')));
    const first = await t.modules.requests.fetchMailbox();
    expect(first).toMatchObject({ fetched: 3, handled: 3, failed: 0 });
    const rows = await t.platform.ctx.db.select().from(pqrsdRequest);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.channel === 'correo' && row.petitionerEmail)).toBe(true);
    expect(rows.some((row) => row.subject.includes('Petición'))).toBe(true);
    expect(rows.some((row) => row.attachmentFileIds.length > 0)).toBe(true);
    expect(sandbox.messages().every((message) => message.seen)).toBe(true);
    // The same message delivered again (a forward loop, a re-sync) files nothing new.
    sandbox.deliver(fs.readFileSync(path.join(FIXTURES, 'multipart-pdf.eml')));
    const second = await t.modules.requests.fetchMailbox();
    expect(second).toMatchObject({ fetched: 1, handled: 1 });
    expect(await t.platform.ctx.db.select().from(pqrsdRequest)).toHaveLength(2);
  });
});
