import { describe, expect, it } from 'vitest';
import { measureReceiptThroughput, renderBarePdf } from './receipt-throughput.ts';

describe('measureReceiptThroughput', () => {
  it('renders the bare reference document: one page saying Hola', () => {
    const bare = renderBarePdf();
    expect(bare.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bare.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('measures both loops in the same run and reports their ratio', async () => {
    const result = await measureReceiptThroughput({ seconds: 0.3 });
    expect(result.receiptsPerSecond).toBeGreaterThan(0);
    expect(result.barePdfPerSecond).toBeGreaterThan(result.receiptsPerSecond); // a receipt is more work
    expect(result.ratio).toBeCloseTo(result.receiptsPerSecond / result.barePdfPerSecond, 2);
  });

  it('refuses a non-positive duration', async () => {
    await expect(measureReceiptThroughput({ seconds: 0 })).rejects.toThrow(RangeError);
  });
});
