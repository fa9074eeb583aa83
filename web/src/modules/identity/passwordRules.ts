export const MIN_PASSWORD_LENGTH = 10;

export const PASSWORD_HINT = `Mínimo ${MIN_PASSWORD_LENGTH} caracteres. Le recomendamos una frase fácil de recordar y difícil de adivinar.`;

/** Client-side checks shared by sign-up, reset and change-password forms. */
export function checkNewPassword(
  password: string,
  confirmation: string,
  names: { password: string; confirmation: string },
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!password) errors[names.password] = 'Escriba una contraseña.';
  else if (password.length < MIN_PASSWORD_LENGTH)
    errors[names.password] = `La contraseña debe tener al menos ${MIN_PASSWORD_LENGTH} caracteres.`;
  if (!confirmation) errors[names.confirmation] = 'Confirme la contraseña.';
  else if (password && confirmation !== password)
    errors[names.confirmation] = 'Las contraseñas no coinciden.';
  return errors;
}
