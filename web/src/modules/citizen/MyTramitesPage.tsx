import { Page } from '../../platform/Page';
import { MyDocuments } from './MyDocuments';
import { MyRequests } from './MyRequests';

export function MyTramitesPage() {
  return (
    <Page title="Mis trámites" lead="Consulte el estado de sus solicitudes y descargue sus documentos.">
      <MyRequests />
      <MyDocuments />
    </Page>
  );
}
