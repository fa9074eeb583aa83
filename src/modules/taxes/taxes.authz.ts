import { registerModuleAuthorization } from '../../platform/authz/catalogue.ts';

/** What the tax office and the treasury may do; citizens see their own predios without a permission. */
export const TAXES_PERMISSIONS = {
  prediosRead: 'taxes.predios.read',
  prediosEdit: 'taxes.predios.edit',
  liquidate: 'taxes.liquidate',
  amendRequest: 'taxes.amendments.request',
  amendApprove: 'taxes.amendments.approve',
  billsIssue: 'taxes.bills.issue',
  paymentsRead: 'taxes.payments.read',
  paymentsRecord: 'taxes.payments.record',
  agreementsDecide: 'taxes.agreements.decide',
  reportsRead: 'taxes.reports.read',
} as const;

const P = TAXES_PERMISSIONS;

registerModuleAuthorization(
  [
    { code: P.prediosRead, description: 'Consultar el registro de predios con sus propietarios' },
    { code: P.prediosEdit, description: 'Importar el catastro y corregir datos de predios y avalúos' },
    { code: P.liquidate, description: 'Lanzar la liquidación masiva de una vigencia' },
    { code: P.amendRequest, description: 'Proponer ajustes a lo que debe un predio' },
    { code: P.amendApprove, description: 'Aprobar o rechazar ajustes propuestos por otro funcionario' },
    { code: P.billsIssue, description: 'Expedir facturas del impuesto para cualquier predio' },
    { code: P.paymentsRead, description: 'Consultar el registro de pagos y los archivos bancarios' },
    { code: P.paymentsRecord, description: 'Cargar archivos de recaudo y registrar pagos en caja' },
    { code: P.agreementsDecide, description: 'Aprobar o rechazar acuerdos de pago' },
    { code: P.reportsRead, description: 'Ver informes de recaudo y cartera' },
  ],
  [
    {
      code: 'impuestos',
      name: 'Profesional de impuestos',
      description: 'Secretaría de Hacienda: registro de predios, liquidaciones, facturas y ajustes.',
      permissions: [
        P.prediosRead,
        P.prediosEdit,
        P.liquidate,
        P.amendRequest,
        P.billsIssue,
        P.paymentsRead,
        P.reportsRead,
      ],
      officialOnly: true,
    },
    {
      code: 'impuestos_jefe',
      name: 'Jefe de impuestos',
      description: 'Aprueba ajustes y acuerdos de pago.',
      permissions: [P.prediosRead, P.amendApprove, P.agreementsDecide, P.paymentsRead, P.reportsRead],
      officialOnly: true,
    },
    {
      code: 'recaudo',
      name: 'Recaudo (Tesorería)',
      description: 'Archivos bancarios, caja, registro de pagos e informes de recaudo.',
      permissions: [P.paymentsRead, P.paymentsRecord, P.billsIssue, P.reportsRead],
      officialOnly: true,
    },
  ],
);
