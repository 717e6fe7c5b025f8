// The bench suite's pure helpers: medians, ratios, the shapes it accepts from modules, the table.
import { describe, expect, it } from 'vitest';
import { costFactor, median, ratio } from '../../../scripts/bench/types.ts';
import { normaliseRows, pickBenchFunction } from '../../../scripts/bench/module-shape.ts';
import { describeRatio, formatNumber } from '../../../scripts/bench/table.ts';

describe('median', () => {
  it('takes the middle sample of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no samples rather than a made-up zero', () => {
    expect(median([])).toBeNaN();
  });
});

describe('ratio and cost factor', () => {
  it('divides the product figure by its baseline', () => {
    expect(ratio({ value: 30, baseline: 10 })).toBe(3);
  });
  it('has no ratio without a usable baseline', () => {
    expect(ratio({ value: 30 })).toBeUndefined();
    expect(ratio({ value: 30, baseline: 0 })).toBeUndefined();
  });
  it('reads a time three times its baseline as three times worse', () => {
    expect(costFactor({ name: 't', value: 30, unit: 'ms', baseline: 10 })).toBe(3);
  });
  it('reads a throughput a quarter of its baseline as four times worse', () => {
    expect(costFactor({ name: 'c', value: 25, unit: 'codes/s', baseline: 100 })).toBe(4);
  });
  it('says which way a figure differs in words', () => {
    expect(describeRatio({ name: 'q', value: 10, unit: 'ms', baseline: 30 })).toBe('3.00× faster');
    expect(describeRatio({ name: 'c', value: 25, unit: 'codes/s', baseline: 100 })).toBe('4.00× slower');
    expect(describeRatio({ name: 'c', value: 101, unit: 'req/s', baseline: 100 })).toBe('on par');
  });
  it('prints about three significant digits', () => {
    expect([formatNumber(12345.6), formatNumber(12.345), formatNumber(1.2345), formatNumber(0.012345)]).toEqual(['12346', '12.3', '1.23', '0.012']);
  });
});

describe('module shapes', () => {
  it('accepts rows as an array or under `rows`, with the baseline as a number or an object', () => {
    const rows = normaliseRows({ rows: [
      { name: 'a', value: 1, unit: 'ms', baseline: 2, baselineName: 'x' },
      { name: 'b', value: 3, unit: 'ms', baseline: { name: 'y', value: 4 } },
      { name: 'c', median: 5, unit: 'ms', baselineValue: 6 },
    ] });
    expect(rows.map((r) => [r.name, r.value, r.baseline, r.baselineName])).toEqual([
      ['a', 1, 2, 'x'], ['b', 3, 4, 'y'], ['c', 5, 6, undefined],
    ]);
  });
  it('drops rows without a name or a number instead of failing the run', () => {
    expect(normaliseRows([{ value: 1 }, { name: 'n', value: 'fast' }, null, { name: 'ok', value: 2, unit: '%' }]).map((r) => r.name)).toEqual(['ok']);
    expect(normaliseRows('nonsense')).toEqual([]);
  });
  it('finds a module\'s bench function by its file name before falling back to the only bench-like export', () => {
    const byName = async (): Promise<never[]> => [];
    const other = async (): Promise<never[]> => [];
    expect(pickBenchFunction('qr-decode', { benchQrDecode: byName, runSomethingElse: other })).toBe(byName);
    expect(pickBenchFunction('popup', { measurePopupOpen: other, helper: byName })).toBe(other);
    expect(pickBenchFunction('popup', { helper: byName })).toBeNull();
  });
});
