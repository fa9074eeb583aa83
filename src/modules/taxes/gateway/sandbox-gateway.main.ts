/**
 * `npm run sandbox:gateway`: starts the PSE sandbox gateway from the environment (README.md lists the
 * variables) and prints "listo: pasarela de pruebas en http://127.0.0.1:PORT".
 */
import { sandboxOptionsFromEnv, startSandboxGateway } from './sandbox-gateway.server.ts';

const parsed = sandboxOptionsFromEnv(process.env);
if (!parsed.ok) {
  console.error(
    `\n✗ No se pudo iniciar la pasarela de pruebas.\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}

const quiet = process.env.SANDBOX_GATEWAY_QUIET === 'true';
try {
  const sandbox = await startSandboxGateway({
    ...parsed.options,
    log: quiet ? undefined : (line) => console.log(`[pasarela] ${line}`),
  });
  if (parsed.demoSecret) {
    console.log('Aviso: usa el secreto de demostración; defina SANDBOX_GATEWAY_SECRET fuera de la demo.');
  }
  console.log(`Comercio: ${sandbox.merchantId} · llave: ${sandbox.apiKey}`);
  console.log(`listo: pasarela de pruebas en ${sandbox.url}`);

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
  const reason =
    code === 'EADDRINUSE' ? `el puerto ${parsed.options.port} ya está en uso` : (error as Error).message;
  console.error(`\n✗ No se pudo iniciar la pasarela de pruebas: ${reason}.\n`);
  process.exit(1);
}
