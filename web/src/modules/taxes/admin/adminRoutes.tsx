import type { ReactElement } from 'react';
import { AgreementsPage } from './AgreementsPage';
import { AmendmentsPage } from './AmendmentsPage';
import { BankFilesPage } from './BankFilesPage';
import { CadastrePage } from './CadastrePage';
import { CashierPage } from './CashierPage';
import { LiquidationsPage } from './LiquidationsPage';
import { PaymentsPage } from './PaymentsPage';
import { PredioFichaPage } from './PredioFichaPage';
import { PrediosRegistryPage } from './PrediosRegistryPage';
import { ReportsPage } from './ReportsPage';

export interface TaxesAdminRoute {
  /** Relative to /admin. */
  path: string;
  permission: string;
  element: ReactElement;
}

/** The tax office's and the treasury's pages; the permissions are those of src/modules/taxes/taxes.authz.ts. */
export const TAXES_ADMIN_ROUTES: TaxesAdminRoute[] = [
  { path: 'predios', permission: 'taxes.predios.read', element: <PrediosRegistryPage /> },
  { path: 'predios/:id', permission: 'taxes.predios.read', element: <PredioFichaPage /> },
  { path: 'catastro', permission: 'taxes.predios.read', element: <CadastrePage /> },
  { path: 'liquidaciones', permission: 'taxes.liquidate', element: <LiquidationsPage /> },
  { path: 'archivos-bancarios', permission: 'taxes.payments.read', element: <BankFilesPage /> },
  { path: 'caja', permission: 'taxes.payments.record', element: <CashierPage /> },
  { path: 'pagos', permission: 'taxes.payments.read', element: <PaymentsPage /> },
  { path: 'informes', permission: 'taxes.reports.read', element: <ReportsPage /> },
  { path: 'ajustes', permission: 'taxes.amendments.approve', element: <AmendmentsPage /> },
  { path: 'acuerdos', permission: 'taxes.agreements.decide', element: <AgreementsPage /> },
];
