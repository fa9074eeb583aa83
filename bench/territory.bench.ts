// `npm run bench -- territory`: issue 5 figures (so far: address parsing on one core).
import { parseAddress } from '../src/modules/territory/address/address-parser.ts';
import { machine } from './bench-kit.ts';

const emit = (record: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'territory', ...record, machine }));

const SAMPLES = [
  'CRA. 50 # 24-20',
  'Cl 35 No 10-43 Apto 502 Torre 2',
  'DIAGONAL 32 NO. 30 A – 51',
  'CL. 19 # CRA. 10',
  'Calle 56 & Diag. 14A, barrio La Victoria',
  'Calle 9 Bis Sur # 8B-20',
  'Carrera 27A # 48-120 Apto 502 Torre 2',
  'Av Calle 26 # 68-35',
  'Vereda El Pedregal, Finca La Esperanza',
  'Kra 33 No. 48 - 21 Int 2 Piso 3',
];

export async function runTerritoryBenchmark(): Promise<void> {
  const count = Number(process.env.BENCH_ADDRESSES ?? 500_000);
  // Distinct strings, so nothing is cached by accident: vary the numbers.
  const inputs = Array.from({ length: 10_000 }, (_, index) =>
    SAMPLES[index % SAMPLES.length]!.replace(/\d+/, String(1 + (index % 150))),
  );
  for (let index = 0; index < 20_000; index += 1) parseAddress(inputs[index % inputs.length]!);
  const started = performance.now();
  let complete = 0;
  for (let index = 0; index < count; index += 1) {
    if (parseAddress(inputs[index % inputs.length]!).status === 'completa') complete += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  emit({
    metric: 'address_parsing',
    addresses: count,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(count / seconds),
    completeShare: Number((complete / count).toFixed(3)),
    aim: 50_000,
  });
}
