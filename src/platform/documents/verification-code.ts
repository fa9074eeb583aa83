import { randomInt } from 'node:crypto';

/**
 * Verification codes are read aloud and typed from paper, so the alphabet leaves out 0/O and 1/I.
 * 32 symbols × 10 random characters = 50 bits: guessing a valid code is hopeless at any request rate.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PREFIX = 'AD';
const RANDOM_LENGTH = 10;

/** `AD-7K3M-Q9TZ-H2`. */
export function generateVerificationCode(): string {
  let characters = '';
  for (let index = 0; index < RANDOM_LENGTH; index++)
    characters += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return formatCode(characters);
}

function formatCode(characters: string): string {
  return `${PREFIX}-${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8)}`;
}

const RANDOM_PART = new RegExp(`^[${CODE_ALPHABET}]{${RANDOM_LENGTH}}$`);

/**
 * The canonical form of what someone typed: any case, with or without dashes or spaces, with or without
 * the `AD` prefix. Undefined when it cannot be a code, so no lookup is needed.
 */
export function normalizeVerificationCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (compact.length > 20) return undefined;
  const characters =
    compact.length === PREFIX.length + RANDOM_LENGTH && compact.startsWith(PREFIX)
      ? compact.slice(PREFIX.length)
      : compact;
  return RANDOM_PART.test(characters) ? formatCode(characters) : undefined;
}
