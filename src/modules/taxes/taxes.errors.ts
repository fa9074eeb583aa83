import { AppError } from '../../platform/http/errors.ts';

export const onlinePaymentsUnavailable = () =>
  new AppError(
    503,
    'ONLINE_PAYMENTS_UNAVAILABLE',
    'El pago en línea no está disponible en este momento. Pague con el recibo en los bancos del convenio.',
  );
