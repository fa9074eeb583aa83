import type { Tenant } from '../../platform/tenancy/tenancy.service.ts';
import { decodeReceiptBarcode } from './barcode/index.ts';
import type { BillView } from './billing.service.ts';
import { type PredialReceiptData, renderPredialReceipt } from './receipts/index.ts';
import { CONCEPT_LABELS, type PredioSnapshot } from './taxes.views.ts';

/** The public page a receipt's QR opens: the bill's state and totals, never its owners. */
export const billVerifyUrl = (publicUrl: string, reference: string) =>
  `${publicUrl}/predial/factura/${reference}`;

const NOTES = [
  'Esta factura presta mérito ejecutivo (Estatuto Tributario, art. 828; Ley 1430 de 2010, art. 58). Contra la liquidación proceden los recursos de ley ante la Secretaría de Hacienda.',
  'Pague en los bancos del convenio con el código de barras de la fecha en que paga, o en línea por PSE. Después de la última fecha genere una nueva factura: los intereses de mora se causan por día.',
];

/**
 * A bill as its receipt prints it. Owners appear only for whom may see them (the holder, an official);
 * the public receipt, downloaded by número predial, says they are reserved (Ley 1581 de 2012).
 */
export function receiptDataOf(
  view: BillView,
  tenant: Pick<Tenant, 'entityName' | 'name' | 'department' | 'nit' | 'contact'>,
  publicUrl: string,
  options: { includeOwners: boolean },
): PredialReceiptData {
  const snapshot = view.snapshot as unknown as PredioSnapshot;
  const vigencias = [...new Set(view.lines.map((line) => line.vigencia))].sort((a, b) => b - a);
  const contact = tenant.contact as { address?: string; phone?: string; website?: string } | null;
  const firstOption = view.options[0]!;
  return {
    issuer: {
      entityName: tenant.entityName,
      municipality: tenant.name,
      department: tenant.department,
      nit: tenant.nit,
      ...(contact?.address ? { address: contact.address } : {}),
      ...(contact?.phone ? { phone: contact.phone } : {}),
      ...(contact?.website ? { website: contact.website.replace(/^https?:\/\//, '') } : {}),
    },
    bill: {
      number: view.number,
      paymentReference: view.paymentReference,
      issuedAt: view.issuedAt,
      expiresOn: view.expiresOn,
      vigencias,
    },
    predio: {
      numeroPredial:
        snapshot.numeroPredial ?? snapshot.numeroPredialAnterior ?? snapshot.predioId ?? view.subjectId,
      numeroPredialAnterior: snapshot.numeroPredialAnterior ?? null,
      direccion: options.includeOwners ? (snapshot.direccion ?? '') : 'Reservada',
      barrio: snapshot.barrioCode ?? null,
      comuna: snapshot.comunaCode ?? null,
      destino: snapshot.destino ?? '',
      estrato: snapshot.estrato ?? null,
      areaTerrenoM2: Number(snapshot.areaTerrenoM2 ?? 0),
      areaConstruidaM2: Number(snapshot.areaConstruidaM2 ?? 0),
      avaluos: (snapshot.avaluos ?? [])
        .filter((row) => vigencias.includes(row.vigencia))
        .map((row) => ({ vigencia: row.vigencia, valor: row.avaluo })),
    },
    owners: !options.includeOwners
      ? [{ nombre: 'Reservado (Ley 1581 de 2012)', documento: 'Visible para el titular con sesión iniciada' }]
      : snapshot.owners?.length
        ? snapshot.owners.map((owner) => ({ nombre: owner.nombre, documento: owner.documento || '—' }))
        : [{ nombre: 'Sin propietario inscrito en el catastro', documento: '—' }],
    lines: firstOption.lines.map((line) => ({
      vigencia: line.vigencia,
      concept: CONCEPT_LABELS[line.concept] ?? line.concept,
      capital: line.capital,
      interest: line.interest + line.sanctionUpdate,
      discount: line.discount,
      relief: line.relief,
      total: line.total,
    })),
    options: view.options.map((option) => {
      const decoded = decodeReceiptBarcode(option.barcodeText);
      return {
        payBy: option.payBy,
        label: option.label,
        total: option.total,
        barcode: {
          humanReadable: option.barcodeText,
          gln: decoded.gln,
          reference: decoded.reference,
          amount: decoded.amount,
          dueDate: decoded.dueDate,
        },
      };
    }),
    verifyUrl: billVerifyUrl(publicUrl, view.paymentReference),
    notes: NOTES,
  };
}

export function renderBillReceipt(...args: Parameters<typeof receiptDataOf>): Buffer {
  return renderPredialReceipt(receiptDataOf(...args));
}
