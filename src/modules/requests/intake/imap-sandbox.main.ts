/**
 * `tsx src/modules/requests/intake/imap-sandbox.main.ts`: starts the IMAP sandbox (the PQRSD mailbox of the
 * demo) and prints "listo: buzón IMAP de pruebas en imap://…". Variables: IMAP_SANDBOX_PORT (1143),
 * IMAP_SANDBOX_HOST (127.0.0.1), IMAP_SANDBOX_USER (pqrsd@demo.gov.co), IMAP_SANDBOX_PASSWORD (demo value),
 * IMAP_SANDBOX_QUIET=true to hide the command log. Use the printed URL as PQRSD_IMAP_URL.
 */
import { startImapSandbox } from './imap-sandbox.ts';

const DEMO_PASSWORD = 'buzon-de-pruebas';

const portText = process.env.IMAP_SANDBOX_PORT ?? '1143';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65_535) {
  console.error(`\n✗ IMAP_SANDBOX_PORT debe ser un puerto entre 0 y 65535 (recibido «${portText}»).\n`);
  process.exit(1);
}

const quiet = process.env.IMAP_SANDBOX_QUIET === 'true';
const password = process.env.IMAP_SANDBOX_PASSWORD || DEMO_PASSWORD;
try {
  const sandbox = await startImapSandbox({
    port,
    host: process.env.IMAP_SANDBOX_HOST || '127.0.0.1',
    user: process.env.IMAP_SANDBOX_USER || 'pqrsd@demo.gov.co',
    password,
    log: quiet ? undefined : (line) => console.log(`[imap] ${line}`),
  });
  if (password === DEMO_PASSWORD) {
    console.log('Aviso: usa la contraseña de demostración; defina IMAP_SANDBOX_PASSWORD fuera de la demo.');
  }
  console.log('Los mensajes se pueden entregar con APPEND INBOX desde cualquier cliente IMAP.');
  console.log(`listo: buzón IMAP de pruebas en ${sandbox.url}`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
} catch (error) {
  const code = (error as { code?: string }).code;
  const reason = code === 'EADDRINUSE' ? `el puerto ${port} ya está en uso` : (error as Error).message;
  console.error(`\n✗ No se pudo iniciar el buzón IMAP de pruebas: ${reason}.\n`);
  process.exit(1);
}
