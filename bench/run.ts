// `npm run bench -- <name>`: runs one benchmark and prints its figures (ratios within one run).
const benchmarks: Record<string, () => Promise<void>> = {
  platform: async () => (await import('./platform.bench.ts')).runPlatformBenchmark(),
  predial: async () => (await import('./predial.bench.ts')).runPredialBenchmark(),
  requests: async () => (await import('./requests.bench.ts')).runRequestsBenchmark(),
  territory: async () => (await import('./territory.bench.ts')).runTerritoryBenchmark(),
};

const name = process.argv[2] ?? 'platform';
const run = benchmarks[name];
if (!run) {
  console.error(`Benchmark desconocido: ${name}. Disponibles: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(1);
}
await run();
