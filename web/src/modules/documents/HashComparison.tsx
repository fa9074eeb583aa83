import { type ChangeEvent, useState } from 'react';
import { Alert } from '../../platform/Alert';

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Lets the reader check, without uploading anything, that a PDF in hand is the one that was issued. */
export function HashComparison({ expected }: { expected: string }) {
  const [result, setResult] = useState<'match' | 'mismatch' | 'error' | null>(null);

  // crypto.subtle only exists on secure origins (https or localhost).
  if (!globalThis.crypto?.subtle) return null;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setResult(null);
    if (!file) return;
    try {
      const actual = await sha256Hex(file);
      setResult(actual === expected.toLowerCase() ? 'match' : 'mismatch');
    } catch {
      setResult('error');
    }
  };

  return (
    <section className="panel" aria-labelledby="comparar-archivo">
      <h2 id="comparar-archivo">Comparar con su archivo</h2>
      <p>
        Seleccione el PDF que recibió para comprobar que no ha sido modificado. El archivo se revisa en su
        navegador y no se envía a ningún servidor.
      </p>
      <div className="field">
        <label className="field__label" htmlFor="archivo-a-comparar">
          Archivo PDF a comparar
        </label>
        <input id="archivo-a-comparar" type="file" accept="application/pdf,.pdf" onChange={onFile} />
      </div>
      {result === 'match' && (
        <Alert tone="success" title="El archivo coincide">
          La huella SHA-256 del archivo es idéntica a la del documento expedido.
        </Alert>
      )}
      {result === 'mismatch' && (
        <Alert tone="error" title="El archivo no coincide">
          La huella SHA-256 del archivo es diferente: el archivo no es el expedido o fue modificado.
        </Alert>
      )}
      {result === 'error' && <Alert tone="error">No fue posible leer el archivo seleccionado.</Alert>}
    </section>
  );
}
