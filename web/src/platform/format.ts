const TIME_ZONE = 'America/Bogota';

const dateTimeFormat = new Intl.DateTimeFormat('es-CO', {
  timeZone: TIME_ZONE,
  dateStyle: 'medium',
  timeStyle: 'short',
});

const longDateFormat = new Intl.DateTimeFormat('es-CO', {
  timeZone: TIME_ZONE,
  dateStyle: 'long',
});

const moneyFormat = new Intl.NumberFormat('es-CO', {
  style: 'currency',
  currency: 'COP',
  maximumFractionDigits: 0,
});

const numberFormat = new Intl.NumberFormat('es-CO');

function parse(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "12 mar 2026, 3:45 p. m." in Bogotá time; "—" when missing. */
export function formatDateTime(value: string | null | undefined): string {
  const date = parse(value);
  return date ? dateTimeFormat.format(date) : '—';
}

/** "12 de marzo de 2026" in Bogotá time. */
export function formatLongDate(value: string | null | undefined): string {
  const date = parse(value);
  return date ? longDateFormat.format(date) : '—';
}

export function formatMoney(amount: number): string {
  return moneyFormat.format(amount);
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}
