import { Link } from 'react-router-dom';
import { useTenant } from '../app/tenant';
import { Page } from './Page';

export function PrivacyPolicyPage() {
  const { tenant, entityName } = useTenant();
  const contact = tenant?.contact;

  return (
    <Page
      title="Política de tratamiento de datos personales"
      lead={`Así protege la ${entityName} los datos personales que usted registra en la sede electrónica.`}
    >
      <div className="prose">
        <h2>1. Responsable del tratamiento</h2>
        <p>
          La {entityName}
          {tenant ? ` (${tenant.name}, ${tenant.department})` : ''} es responsable del tratamiento de los
          datos personales recolectados en esta sede electrónica, en cumplimiento de la Ley Estatutaria 1581
          de 2012, el Decreto 1377 de 2013 (compilado en el Decreto 1074 de 2015) y demás normas que las
          modifiquen o complementen.
        </p>
        {contact && (
          <p>
            Datos de contacto: {contact.address}
            {contact.phone && `, teléfono ${contact.phone}`}
            {contact.email && `, correo electrónico ${contact.email}`}.
          </p>
        )}

        <h2>2. Datos que recolectamos</h2>
        <p>
          Tipo y número de documento de identidad, nombre completo, correo electrónico, teléfono celular
          (opcional) y la información que usted aporte en cada trámite. También registramos datos técnicos de
          seguridad, como la dirección IP y la fecha y hora de cada operación, para fines de auditoría.
        </p>

        <h2>3. Finalidades</h2>
        <ul>
          <li>Identificarle y crear su cuenta en la sede electrónica.</li>
          <li>Radicar, tramitar y responder sus solicitudes, trámites y peticiones.</li>
          <li>Enviarle notificaciones y comunicaciones sobre el estado de sus trámites.</li>
          <li>Expedir documentos y constancias verificables.</li>
          <li>Garantizar la seguridad de la plataforma y atender requerimientos de los entes de control.</li>
          <li>Elaborar estadísticas anonimizadas para mejorar los servicios de la entidad.</li>
        </ul>

        <h2>4. Sus derechos como titular</h2>
        <p>De acuerdo con el artículo 8 de la Ley 1581 de 2012, usted puede:</p>
        <ul>
          <li>Conocer, actualizar y rectificar sus datos personales.</li>
          <li>Solicitar prueba de la autorización otorgada.</li>
          <li>Ser informado sobre el uso que se ha dado a sus datos.</li>
          <li>
            Presentar quejas ante la Superintendencia de Industria y Comercio por infracciones a la ley, una
            vez agotado el trámite de consulta o reclamo ante la entidad.
          </li>
          <li>
            Revocar la autorización o solicitar la supresión de sus datos cuando no exista un deber legal o
            contractual de conservarlos.
          </li>
          <li>Acceder gratuitamente a sus datos personales.</li>
        </ul>

        <h2>5. Datos sensibles y de menores de edad</h2>
        <p>
          No está obligado a suministrar datos sensibles. Los datos de niños, niñas y adolescentes se tratan
          respetando su interés superior y sus derechos fundamentales.
        </p>

        <h2>6. Consultas y reclamos</h2>
        <p>
          Puede ejercer sus derechos escribiendo a{' '}
          {contact?.email ? (
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          ) : (
            'los canales de atención'
          )}{' '}
          de la entidad. Las consultas se atienden en un máximo de diez (10) días hábiles y los reclamos en un
          máximo de quince (15) días hábiles, conforme a los artículos 14 y 15 de la Ley 1581 de 2012.
        </p>

        <h2>7. Seguridad y conservación</h2>
        <p>
          Aplicamos medidas técnicas, humanas y administrativas para proteger sus datos contra pérdida,
          consulta, uso o acceso no autorizado. Los datos se conservan durante el tiempo necesario para
          cumplir las finalidades descritas y las normas de archivo y gestión documental aplicables.
        </p>

        <h2>8. Vigencia</h2>
        <p>
          Esta política rige desde su publicación. Cualquier cambio sustancial se informará a través de esta
          sede electrónica.
        </p>
        <p>
          <Link to="/registro">Volver al registro</Link>
        </p>
      </div>
    </Page>
  );
}
