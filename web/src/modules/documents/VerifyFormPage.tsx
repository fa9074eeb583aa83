import { Page } from '../../platform/Page';
import { VerifyCodeForm } from './VerifyCodeForm';

export function VerifyFormPage() {
  return (
    <Page
      title="Verificar un documento"
      lead="Compruebe que un documento expedido por la sede electrónica es auténtico y está vigente."
    >
      <VerifyCodeForm />
      <p>
        Por protección de datos personales, la verificación solo muestra el tipo de documento, la fecha de
        expedición, las iniciales del titular, la huella digital SHA-256 del archivo y su estado.
      </p>
    </Page>
  );
}
