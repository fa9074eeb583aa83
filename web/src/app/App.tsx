import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { HomePage } from '../modules/citizen/HomePage';
import { MyTramitesPage } from '../modules/citizen/MyTramitesPage';
import { VerifyDocumentPage } from '../modules/documents/VerifyDocumentPage';
import { VerifyFormPage } from '../modules/documents/VerifyFormPage';
import { ForgotPasswordPage } from '../modules/identity/ForgotPasswordPage';
import { LoginPage } from '../modules/identity/LoginPage';
import { ResetPasswordPage } from '../modules/identity/ResetPasswordPage';
import { SecurityPage } from '../modules/identity/SecurityPage';
import { SignupPage } from '../modules/identity/SignupPage';
import { VerifyEmailPage } from '../modules/identity/VerifyEmailPage';
import { FilePqrsdPage } from '../modules/requests/FilePqrsdPage';
import { MyPqrsdPage } from '../modules/requests/MyPqrsdPage';
import { PqrsdPage } from '../modules/requests/PqrsdPage';
import { TrackPqrsdPage } from '../modules/requests/TrackPqrsdPage';
import { BillVerificationPage } from '../modules/taxes/BillVerificationPage';
import { MyPredioPage } from '../modules/taxes/MyPredioPage';
import { MyPrediosPage } from '../modules/taxes/MyPrediosPage';
import { PredialPage } from '../modules/taxes/PredialPage';
import { PsePaymentPage } from '../modules/taxes/PsePaymentPage';
import { PseReturnPage } from '../modules/taxes/PseReturnPage';
import { Loading } from '../platform/Loading';
import { NotFoundPage } from '../platform/NotFoundPage';
import { PrivacyPolicyPage } from '../platform/PrivacyPolicyPage';
import { SiteMapPage } from '../platform/SiteMapPage';
import { AuthProvider } from './auth';
import { RequireAuth } from './guards';
import { Layout } from './Layout';
import { TenantProvider } from './tenant';

// The back office is only for officials: keep it out of the citizens' bundle.
const AdminSection = lazy(() =>
  import('../modules/admin/AdminSection').then((module) => ({ default: module.AdminSection })),
);
// The map library is only downloaded by whoever opens the map.
const TerritoryMapPage = lazy(() =>
  import('../modules/territory/MapPage').then((module) => ({ default: module.MapPage })),
);

export function App() {
  return (
    <TenantProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="registro" element={<SignupPage />} />
              <Route path="verificar-correo" element={<VerifyEmailPage />} />
              <Route path="ingresar" element={<LoginPage />} />
              <Route path="recuperar-clave" element={<ForgotPasswordPage />} />
              <Route path="restablecer-clave" element={<ResetPasswordPage />} />
              <Route
                path="mis-tramites"
                element={
                  <RequireAuth>
                    <MyTramitesPage />
                  </RequireAuth>
                }
              />
              <Route
                path="cuenta/seguridad"
                element={
                  <RequireAuth>
                    <SecurityPage />
                  </RequireAuth>
                }
              />
              <Route path="verificar" element={<VerifyFormPage />} />
              <Route path="verificar/:code" element={<VerifyDocumentPage />} />
              <Route path="predial" element={<PredialPage />} />
              <Route path="predial/factura/:referencia" element={<BillVerificationPage />} />
              <Route path="predial/pagar/:referencia/:opcion" element={<PsePaymentPage />} />
              <Route path="pagos/pse/retorno" element={<PseReturnPage />} />
              <Route
                path="predial/mis-predios"
                element={
                  <RequireAuth>
                    <MyPrediosPage />
                  </RequireAuth>
                }
              />
              <Route
                path="predial/mis-predios/:id"
                element={
                  <RequireAuth>
                    <MyPredioPage />
                  </RequireAuth>
                }
              />
              <Route path="pqrsd" element={<PqrsdPage />} />
              <Route path="pqrsd/radicar" element={<FilePqrsdPage />} />
              <Route path="pqrsd/consultar" element={<TrackPqrsdPage />} />
              <Route
                path="pqrsd/mias"
                element={
                  <RequireAuth>
                    <MyPqrsdPage />
                  </RequireAuth>
                }
              />
              <Route
                path="territorio"
                element={
                  <Suspense fallback={<Loading label="Cargando el mapa…" />}>
                    <TerritoryMapPage />
                  </Suspense>
                }
              />
              <Route path="politica-de-datos" element={<PrivacyPolicyPage />} />
              <Route path="mapa-del-sitio" element={<SiteMapPage />} />
              <Route
                path="admin/*"
                element={
                  <Suspense fallback={<Loading label="Cargando la administración…" />}>
                    <AdminSection />
                  </Suspense>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </TenantProvider>
  );
}
