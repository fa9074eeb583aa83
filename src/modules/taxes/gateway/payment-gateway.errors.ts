import { AppError } from '../../../platform/http/errors.ts';

/**
 * Every failure of the payment gateway, in Spanish with a stable code. `retryable` says whether asking
 * again later may succeed (the reconciliation job uses it; people see the detail).
 */
export class PaymentGatewayError extends AppError {
  readonly retryable: boolean;
  /** The gateway's own code (e.g. FAIL_BANKUNREACHEABLE), kept for the logs and the audit trail. */
  readonly gatewayCode?: string;

  constructor(
    status: number,
    code: string,
    detail: string,
    options: { field?: string; retryable?: boolean; gatewayCode?: string } = {},
  ) {
    super(status, code, detail, options.field);
    this.name = 'PaymentGatewayError';
    this.retryable = options.retryable ?? false;
    this.gatewayCode = options.gatewayCode;
  }
}

export const gatewayErrors = {
  invalidInput: (field: string, detail: string) =>
    new PaymentGatewayError(400, 'GATEWAY_INVALID_INPUT', detail, { field }),
  notFound: (transactionId: string) =>
    new PaymentGatewayError(
      404,
      'GATEWAY_TRANSACTION_NOT_FOUND',
      `La pasarela de pagos no tiene registrada la transacción «${transactionId}».`,
      { field: 'transactionId' },
    ),
  timeout: (seconds: number, creating: boolean) =>
    new PaymentGatewayError(
      504,
      'GATEWAY_TIMEOUT',
      creating
        ? `La pasarela de pagos no respondió en ${formatSeconds(seconds)} s; no sabemos si el pago quedó creado. ` +
            'Reintente con la misma clave de idempotencia: no se creará un segundo pago.'
        : `La pasarela de pagos no respondió en ${formatSeconds(seconds)} s. Inténtelo de nuevo en unos minutos.`,
      { retryable: true },
    ),
  unreachable: (reason: string) =>
    new PaymentGatewayError(
      503,
      'GATEWAY_UNAVAILABLE',
      `No fue posible comunicarse con la pasarela de pagos (${reason}). Inténtelo de nuevo en unos minutos.`,
      { retryable: true },
    ),
  unavailable: (status: number) =>
    new PaymentGatewayError(
      503,
      'GATEWAY_UNAVAILABLE',
      `La pasarela de pagos no está disponible (respondió ${status}). Inténtelo de nuevo en unos minutos.`,
      { retryable: true, gatewayCode: String(status) },
    ),
  busy: () =>
    new PaymentGatewayError(
      503,
      'GATEWAY_BUSY',
      'La pasarela de pagos está recibiendo demasiadas solicitudes. Inténtelo de nuevo en unos minutos.',
      { retryable: true, gatewayCode: '429' },
    ),
  authFailed: () =>
    new PaymentGatewayError(
      503,
      'GATEWAY_AUTH_FAILED',
      'La pasarela de pagos rechazó las credenciales de la Alcaldía. El pago en línea no está disponible; ' +
        'informe a la Secretaría de Hacienda.',
    ),
  badResponse: (why: string) =>
    new PaymentGatewayError(
      502,
      'GATEWAY_BAD_RESPONSE',
      `La pasarela de pagos dio una respuesta inválida: ${why}.`,
      {
        retryable: true,
      },
    ),
  idempotencyConflict: () =>
    new PaymentGatewayError(
      409,
      'GATEWAY_IDEMPOTENCY_CONFLICT',
      'La clave de idempotencia ya se usó para un pago con otros datos.',
      { field: 'idempotencyKey', gatewayCode: 'IDEMPOTENCY_KEY_REUSED' },
    ),
  duplicateReference: (reference: string) =>
    new PaymentGatewayError(
      409,
      'GATEWAY_DUPLICATE_REFERENCE',
      `La referencia de pago «${reference}» ya fue usada en otra transacción.`,
      { field: 'reference', gatewayCode: 'DUPLICATE_REFERENCE' },
    ),
  rejectedRequest: (detail: string, field?: string) =>
    new PaymentGatewayError(
      422,
      'GATEWAY_INVALID_REQUEST',
      `La pasarela de pagos rechazó los datos: ${detail}`,
      {
        field,
        gatewayCode: 'INVALID_REQUEST',
      },
    ),
  callbackUnsigned: () =>
    new PaymentGatewayError(
      401,
      'GATEWAY_CALLBACK_UNSIGNED',
      'La notificación de la pasarela no trae firma ni marca de tiempo.',
    ),
  callbackSignatureInvalid: () =>
    new PaymentGatewayError(
      401,
      'GATEWAY_CALLBACK_SIGNATURE_INVALID',
      'La firma de la notificación no es válida.',
    ),
  callbackStale: (ageSeconds: number, toleranceSeconds: number) =>
    new PaymentGatewayError(
      401,
      'GATEWAY_CALLBACK_STALE',
      `La notificación está fuera del margen de tiempo permitido (${Math.round(ageSeconds)} s de diferencia; ` +
        `máximo ${toleranceSeconds} s).`,
    ),
  callbackMalformed: (why: string) =>
    new PaymentGatewayError(
      400,
      'GATEWAY_CALLBACK_MALFORMED',
      `La notificación de la pasarela no es válida: ${why}.`,
    ),
  callbackWrongMerchant: () =>
    new PaymentGatewayError(
      400,
      'GATEWAY_CALLBACK_WRONG_MERCHANT',
      'La notificación de la pasarela corresponde a otro comercio.',
    ),
};

/**
 * PSE creation return codes (PlacetoPay's PSE web service, `returnCode` of createTransaction) → our
 * errors. SUCCESS never reaches here. Unknown FAIL_* codes become GATEWAY_REJECTED.
 */
export function errorForPseReturnCode(returnCode: string, message?: string): PaymentGatewayError {
  const fromGateway = { gatewayCode: returnCode };
  switch (returnCode) {
    case 'FAIL_BANKUNREACHEABLE':
    case 'FAIL_NOTCONFIRMEDBYBANK':
    case 'FAIL_TIMEOUT':
    case 'FAIL_NOHOST':
      return new PaymentGatewayError(
        503,
        'GATEWAY_BANK_UNAVAILABLE',
        'El banco seleccionado no está disponible en este momento. Inténtelo más tarde o elija otro banco.',
        { ...fromGateway, field: 'bankCode', retryable: true },
      );
    case 'FAIL_BANKNOTEXISTSORDISABLED':
      return new PaymentGatewayError(
        422,
        'GATEWAY_BANK_DISABLED',
        'El banco seleccionado no está habilitado para pagos PSE. Elija otro banco.',
        { ...fromGateway, field: 'bankCode' },
      );
    case 'FAIL_INVALIDAMOUNT':
      return new PaymentGatewayError(
        422,
        'GATEWAY_INVALID_AMOUNT',
        'El banco no acepta el valor a pagar por PSE.',
        { ...fromGateway, field: 'amountPesos' },
      );
    case 'FAIL_EXCEEDEDLIMIT':
      return new PaymentGatewayError(
        422,
        'GATEWAY_LIMIT_EXCEEDED',
        'El valor supera el límite de pagos PSE de su banco o de su cuenta. Consulte con su banco o pague en una ' +
          'oficina bancaria con el recibo.',
        { ...fromGateway, field: 'amountPesos' },
      );
    case 'FAIL_NOTALLOWEDBYTIME':
      return new PaymentGatewayError(
        503,
        'GATEWAY_NOT_ALLOWED_NOW',
        'PSE no permite este pago en este horario. Inténtelo más tarde.',
        { ...fromGateway, retryable: true },
      );
    case 'FAIL_RISK':
    case 'FAIL_TRANSACTIONNOTALLOWED':
      return new PaymentGatewayError(
        422,
        'GATEWAY_TRANSACTION_NOT_ALLOWED',
        'La entidad financiera no permitió esta transacción. Consulte con su banco o use otro medio de pago.',
        fromGateway,
      );
    case 'FAIL_ENTITYNOTEXISTSORDISABLED':
    case 'FAIL_SERVICENOTEXISTS':
    case 'FAIL_ACCESSDENIED':
    case 'FAIL_CANNOTGETCURRENTCYCLE':
    case 'FAIL_DESCRIPTIONNOTFOUND':
    case 'FAIL_ERRORINCREDITS':
    case 'FAIL_INVALIDSOLICITDATE':
      // Problems of the municipality's own account with the gateway, not of the payer.
      return new PaymentGatewayError(
        503,
        'GATEWAY_MERCHANT_MISCONFIGURED',
        'El pago en línea no está disponible por un problema de configuración del recaudo. Informe a la ' +
          'Secretaría de Hacienda o pague en una oficina bancaria con el recibo.',
        fromGateway,
      );
    default:
      return new PaymentGatewayError(
        422,
        'GATEWAY_REJECTED',
        `La pasarela de pagos no pudo crear la transacción${message ? `: ${message}` : ''} (${returnCode}).`,
        fromGateway,
      );
  }
}

function formatSeconds(seconds: number): string {
  return seconds.toLocaleString('es-CO', { maximumFractionDigits: 1 });
}
