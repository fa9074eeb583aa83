import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestTenant,
  getTestDatabase,
  openAnotherConnection,
  resetDatabase,
  testDatabaseKind,
} from '../../test/test-database.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { createAuditService } from '../audit/audit.service.ts';
import { loadConfig } from '../config/config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { storedFile } from '../files/files.schema.ts';
import { createFileService } from '../files/files.service.ts';
import type { FileService } from '../files/index.ts';
import { createLocalStorage } from '../files/local-storage.ts';
import { createTenantService } from '../tenancy/tenancy.service.ts';
import { createConstanciaRegistro } from './constancia-registro.ts';
import { issuedDocument } from './documents.schema.ts';
import { createDocumentService, initialsOf } from './documents.service.ts';
import type { DocumentService, IssueDocumentInput } from './index.ts';

const ISSUED_AT = new Date('2026-03-15T15:32:00Z'); // 10:32 a. m. in Bogotá
const PUBLIC_URL = 'https://sede.bucaramanga.gov.co';
const HOLDER_ID = '2f1c7a52-58b8-4d8e-9a7c-0d6f0e1f2a3b';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function hasPdfToText(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pdfText(bytes: Buffer): string {
  const file = path.join(os.tmpdir(), `documento-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('document service', () => {
  let database: DatabaseHandle;
  let tenantId: string;
  let root: string;
  let documents: DocumentService;
  let storageRoot: string;
  let files: ReturnType<typeof createFileService>;
  let config: ReturnType<typeof loadConfig>;

  beforeEach(async () => {
    database = await getTestDatabase();
    await resetDatabase(database);
    tenantId = (await createTestTenant(database)).id;
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'alcaldia-documentos-'));
    storageRoot = path.join(root, 'files');
    config = loadConfig({ NODE_ENV: 'test', DATA_DIR: root, PUBLIC_URL });
    files = createFileService({
      db: database.db,
      storage: createLocalStorage({ root: storageRoot }),
      config,
    });
    documents = createDocumentService({
      db: database.db,
      files,
      tenants: createTenantService(database.db),
      config,
      audit: createAuditService(database.db),
      now: () => ISSUED_AT,
    });
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function input(overrides: Partial<IssueDocumentInput> = {}): IssueDocumentInput {
    return {
      tenantId,
      documentType: 'constancia_registro',
      title: 'Constancia de registro en la sede electrónica',
      holder: { userId: HOLDER_ID, fullName: 'María de los Ángeles Pérez Gómez' },
      issuedByUserId: HOLDER_ID,
      idempotencyKey: `constancia_registro:${HOLDER_ID}`,
      render: (pdf) => {
        pdf.text('Que la persona titular se encuentra registrada en la sede electrónica.');
      },
      ...overrides,
    };
  }

  it('issues a PDF whose stored bytes match the recorded SHA-256, and verifies it publicly', async () => {
    const issued = await documents.issue(input());
    expect(issued).toMatchObject({
      created: true,
      tenantId,
      documentType: 'constancia_registro',
      documentTypeLabel: 'Constancia de registro en la sede electrónica',
      holderUserId: HOLDER_ID,
      holderInitials: 'M.Á.P.G.',
      status: 'vigente',
      issuedAt: ISSUED_AT,
    });
    expect(issued.code).toMatch(/^AD-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);

    const pdf = await buffer(await documents.openPdf(issued));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(pdf)).toBe(issued.sha256);
    // The QR's link annotation and the metadata carry the verification address in clear.
    expect(pdf.includes(`${PUBLIC_URL}/verificar/${issued.code}`)).toBe(true);

    const [file] = await database.db.select().from(storedFile).where(eq(storedFile.id, issued.fileId));
    expect(file).toMatchObject({
      purpose: 'issued_document',
      mediaType: 'application/pdf',
      sha256: issued.sha256,
    });
    expect(file!.originalName).toBe(`constancia-de-registro-en-la-sede-electronica-${issued.code}.pdf`);

    const verification = await documents.verify(issued.code);
    expect(verification).toEqual({
      code: issued.code,
      documentType: 'constancia_registro',
      documentTypeLabel: 'Constancia de registro en la sede electrónica',
      title: 'Constancia de registro en la sede electrónica',
      issuedAt: ISSUED_AT,
      holderInitials: 'M.Á.P.G.',
      sha256: issued.sha256,
      status: 'vigente',
    });
    expect(await documents.verify(issued.code.toLowerCase().replaceAll('-', ''))).toEqual(verification);
    expect(await documents.verify(issued.code, tenantId)).toEqual(verification);
  });

  it.skipIf(!hasPdfToText())(
    'draws the header, the body and a footer with the code, the date and the page',
    async () => {
      const issued = await documents.issue(input());
      const textOfPdf = pdfText(await buffer(await documents.openPdf(issued)));
      for (const expected of [
        'ALCALDÍA DE BUCARAMANGA',
        'Municipio de Bucaramanga — Santander',
        'NIT 890201222-0',
        'CONSTANCIA DE REGISTRO EN LA SEDE ELECTRÓNICA',
        'Que la persona titular se encuentra registrada',
        `Código de verificación: ${issued.code}`,
        '15 de marzo de 2026 a las 10:32 a. m.',
        `${PUBLIC_URL}/verificar/${issued.code}`,
        'Página 1 de 1',
      ]) {
        expect(textOfPdf).toContain(expected);
      }
    },
  );

  it.skipIf(!hasPdfToText())(
    'numbers every page of a long document and repeats header and footer',
    async () => {
      const issued = await documents.issue(
        input({
          idempotencyKey: 'largo',
          render: (pdf) => {
            for (let index = 1; index <= 80; index++)
              pdf.text(`Párrafo ${index} del documento de prueba.`).moveDown(0.5);
          },
        }),
      );
      const pages = pdfText(await buffer(await documents.openPdf(issued)))
        .split('\f')
        .filter((page) => page.trim());
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, index) => {
        expect(page).toContain(`Página ${index + 1} de ${pages.length}`);
        expect(page).toContain('ALCALDÍA DE BUCARAMANGA');
        expect(page).toContain(issued.code);
      });
    },
  );

  it('is idempotent: the same key returns the same document without drawing another', async () => {
    const first = await documents.issue(input());
    let drawn = 0;
    const second = await documents.issue(input({ render: () => void drawn++ }));
    expect(second).toEqual({ ...first, created: false });
    expect(drawn).toBe(0);
  });

  it('yields one document when five identical issues race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => documents.issue(input())));
    expect(new Set(results.map((result) => result.code)).size).toBe(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);

    const rows = await database.db.select().from(issuedDocument).where(eq(issuedDocument.tenantId, tenantId));
    expect(rows).toHaveLength(1);
    const files = await database.db
      .select()
      .from(storedFile)
      .where(eq(storedFile.purpose, 'issued_document'));
    expect(files).toHaveLength(1);
    // The losers left no bytes behind in the storage either.
    const stored = fs
      .readdirSync(storageRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile());
    expect(stored).toHaveLength(1);
  });

  // Another instance commits the same key between our check and our insert: the unique index decides, and
  // the loser answers with the winner's document and removes the bytes it stored.
  it.skipIf(testDatabaseKind() !== 'postgres')(
    'returns the winner when the unique index refuses the insert',
    async () => {
      const other = (await openAnotherConnection())!;
      try {
        let competitorId = '';
        const racingFiles: FileService = {
          ...files,
          async saveGenerated(fileInput, tx) {
            const saved = await files.saveGenerated(fileInput, tx);
            const [competitorFile] = await other.db
              .insert(storedFile)
              .values({
                tenantId,
                ownerUserId: HOLDER_ID,
                purpose: 'issued_document',
                storageKey: `${tenantId}/otra-instancia`,
                originalName: 'ganadora.pdf',
                mediaType: 'application/pdf',
                sizeBytes: 1,
                sha256: 'a'.repeat(64),
              })
              .returning();
            const [competitor] = await other.db
              .insert(issuedDocument)
              .values({
                tenantId,
                verificationCode: 'AD-2345-6789-AB',
                documentType: 'constancia_registro',
                title: 'Ganadora',
                holderUserId: HOLDER_ID,
                holderInitials: 'M.',
                fileId: competitorFile!.id,
                sha256: 'a'.repeat(64),
                idempotencyKey: `constancia_registro:${HOLDER_ID}`,
              })
              .returning();
            competitorId = competitor!.id;
            return saved;
          },
        };
        const racing = createDocumentService({
          db: database.db,
          files: racingFiles,
          tenants: createTenantService(database.db),
          config,
          now: () => ISSUED_AT,
        });
        const result = await racing.issue(input());
        expect(result).toMatchObject({
          created: false,
          id: competitorId,
          code: 'AD-2345-6789-AB',
          title: 'Ganadora',
        });
        expect(await database.db.select().from(issuedDocument)).toHaveLength(1);
        const stored = fs.existsSync(storageRoot)
          ? fs
              .readdirSync(storageRoot, { recursive: true, withFileTypes: true })
              .filter((entry) => entry.isFile())
          : [];
        expect(stored).toHaveLength(0);
      } finally {
        await other.close();
      }
    },
  );

  it('records the issue in the audit trail', async () => {
    const issued = await documents.issue(input());
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'document.issue'), eq(auditLog.entityId, issued.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorUserId: HOLDER_ID,
      details: { code: issued.code, documentType: 'constancia_registro' },
    });
  });

  it('answers undefined for unknown or malformed codes, and for another municipality', async () => {
    expect(await documents.verify('AD-2222-3333-44')).toBeUndefined();
    expect(await documents.verify('no es un código')).toBeUndefined();
    expect(await documents.verify('')).toBeUndefined();
    const issued = await documents.issue(input());
    const other = await createTestTenant(database, '68276');
    expect(await documents.verify(issued.code, other.id)).toBeUndefined();
  });

  it('lists a holder’s documents, newest first, and finds them within the tenant only', async () => {
    documents.registerType('paz_y_salvo_predial', 'Paz y salvo del impuesto predial');
    const constancia = await documents.issue(input());
    const pazYSalvo = await documents.issue(
      input({
        documentType: 'paz_y_salvo_predial',
        title: 'Paz y salvo predial 2026',
        idempotencyKey: 'predial:2026',
      }),
    );
    const list = await documents.listByHolder(tenantId, HOLDER_ID);
    expect(list.map((document) => document.id).sort()).toEqual([constancia.id, pazYSalvo.id].sort());
    expect(list.find((document) => document.id === pazYSalvo.id)?.documentTypeLabel).toBe(
      'Paz y salvo del impuesto predial',
    );
    expect(await documents.listByHolder(tenantId, '00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(await documents.find(tenantId, constancia.id)).toMatchObject({
      id: constancia.id,
      code: constancia.code,
    });
    const other = await createTestTenant(database, '68276');
    expect(await documents.find(other.id, constancia.id)).toBeUndefined();
    expect(await documents.find(tenantId, 'x')).toBeUndefined();
  });

  it('refuses types nobody registered', async () => {
    await expect(documents.issue(input({ documentType: 'certificado_inventado' }))).rejects.toThrow(
      /no registrado/,
    );
  });

  it('issues the constancia de registro once per person, naming the holder and their document', async () => {
    const tenants = createTenantService(database.db);
    const actor = {
      userId: HOLDER_ID,
      tenantId,
      label: 'Ana',
      kind: 'citizen' as const,
      permissions: new Set<string>(),
    };
    const holder = {
      fullName: 'Ana María Rueda',
      documentType: 'CC',
      documentNumber: '1098765432',
      registeredAt: new Date('2026-02-03T14:00:00Z'),
    };
    const first = await createConstanciaRegistro({ documents, tenants }, actor, holder);
    const again = await createConstanciaRegistro({ documents, tenants }, actor, holder);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, id: first.id, code: first.code });
    expect(first.holderInitials).toBe('A.M.R.');
    if (hasPdfToText()) {
      const textOfPdf = pdfText(await buffer(await documents.openPdf(first))).replace(/\s+/g, ' ');
      expect(textOfPdf).toContain('ANA MARÍA RUEDA');
      expect(textOfPdf).toContain('cédula de ciudadanía número 1.098.765.432');
      expect(textOfPdf).toContain('desde el 3 de febrero de 2026');
      expect(textOfPdf).toContain('HACE CONSTAR');
    }
  });
});

describe('holder initials', () => {
  it('skip particles, keep accents and stay short', () => {
    expect(initialsOf('maría de los ángeles pérez gómez')).toBe('M.Á.P.G.');
    expect(initialsOf('Juan-Carlos  Ortiz')).toBe('J.C.O.');
    expect(initialsOf('Ana Beatriz Carmen Diana Fernanda Gloria Helena')).toBe('A.B.C.D.F.G.');
    expect(initialsOf('   ')).toBe('N/D');
    expect(initialsOf('Ana Beatriz Carmen Diana Fernanda Gloria Helena').length).toBeLessThanOrEqual(12);
  });
});
