import type { Confidence } from '../liquidation/index.ts';

/**
 * The defaults of the billing rules with where each comes from, tagged like the rule sets (taxes.md
 * confidence tags plus [DEFAULT] for a value the notes do not give). A screen can list the [DEFAULT]
 * ones for the Secretaría de Hacienda to confirm; every function takes an option to override them.
 */
export interface BillingDefault<T> {
  readonly value: T;
  readonly source: string;
  readonly confidence: Confidence;
  readonly notes?: string | undefined;
}

export const BILLING_DEFAULTS = {
  /** How long a bill with arrears stays payable when no later date (discount end, due date) applies. */
  arrearsValidity: {
    value: 'endOfMonth',
    source:
      'taxes.md §2.1 (Art. 634 ET: interés por cada día calendario) y §1.6 (factura con varias fechas); la vigencia de una factura en mora NO ESTÁ en las notas',
    confidence: '[DEFAULT]',
    notes:
      'Hasta el último día del mes de expedición: práctica habitual de las facturas con intereses liquidados a una fecha; configurable por días.',
  } satisfies BillingDefault<'endOfMonth'>,

  /** Pay-by dates per bill. */
  maxOptions: {
    value: 3,
    source:
      'taxes.md §1.6 (un sistema público guarda primer_fecha, segunda_fecha y tercera_fecha con su total)',
    confidence: '[SEC]',
  } satisfies BillingDefault<number>,

  /** Within one period, a payment goes to sanctions, interest and tax in proportion to what is owed. */
  apportionOrder: {
    value: 'proportional',
    source:
      'Art. 804 ET, inciso 1 modificado por la Ley 1066 de 2006 art. 6 (texto visto en copias públicas: PwC, tallerjuridico.com); no lo está en taxes.md (§5.2 y §10.4 lo dan por no encontrado)',
    confidence: '[LAW]',
    notes:
      'La Ley 1607 de 2012 no modificó el Art. 804 (solo el método de intereses, §2.1); el D.L. 2106 de 2019 art. 53 le añadió un parágrafo sobre pagos de declaraciones en firme.',
  } satisfies BillingDefault<'proportional'>,

  /** Without an indication from the payer, the oldest period is paid first. */
  oldestPeriodFirst: {
    value: true,
    source:
      'Art. 804 ET imputa «al período e impuesto que estos indiquen»; si el pagador no indica, el ET no fija orden. Se sigue el Código Civil art. 1654 (no preferir la deuda no vencida) y la práctica de imputar a la más antigua',
    confidence: '[INF]',
    notes: 'Confirmar con el Reglamento Interno de Recaudo de Cartera de Bucaramanga (taxes.md §7.1, §10.7).',
  } satisfies BillingDefault<boolean>,

  /** Days an agreement instalment may stay unpaid after its due date before the agreement is void. */
  agreementGraceDays: {
    value: 30,
    source:
      'Art. 814-3 ET permite dejar sin efecto la facilidad si se deja de pagar alguna cuota (fuente secundaria); el plazo de gracia NO ESTÁ en las notas (Reglamento de Cartera, taxes.md §10.7)',
    confidence: '[DEFAULT]',
  } satisfies BillingDefault<number>,

  /** A plan whose first instalment date has passed is not offered. */
  agreementLateStart: {
    value: 'notOffered',
    source:
      'taxes.md §1.5 da solo las fechas de los planes; qué pasa con una solicitud tardía NO ESTÁ en las notas',
    confidence: '[DEFAULT]',
  } satisfies BillingDefault<'notOffered'>,

  /** A paz y salvo is valid until 31 December of the year it is issued. */
  pazYSalvoValidity: {
    value: 'endOfYear',
    source:
      'taxes.md §1.1 (el predial se causa el 1 de enero de cada vigencia, así que el certificado no puede cubrir la siguiente); la vigencia del certificado NO ESTÁ en las notas',
    confidence: '[DEFAULT]',
  } satisfies BillingDefault<'endOfYear'>,
} as const;
