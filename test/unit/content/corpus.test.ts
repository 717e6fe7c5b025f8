// The content script's detection over the labelled corpus of real two-factor pages: the goals hold on the validation
// apps, which were split off by app before any tuning and never tuned on.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReport, readLabels, runCorpus, type CorpusReport } from './corpus-harness.ts';

describe('detection on the corpus of real two-factor pages', () => {
  let report: CorpusReport;
  beforeAll(async () => {
    report = await runCorpus();
    console.log(formatReport(report));
  }, 120_000);

  it('holds at least 120 pages from at least 60 apps, split by app', () => {
    const labels = readLabels();
    const apps = new Set(labels.pages.map((p) => p.app));
    expect(labels.pages.length).toBeGreaterThanOrEqual(120);
    expect(apps.size).toBeGreaterThanOrEqual(60);
    for (const page of labels.pages) {
      expect(labels.split.validationApps.includes(page.app)).toBe(page.split === 'validation');
    }
  });

  it('fills at least 98% of the validation fields that want a TOTP code', () => {
    expect(report.validation.fill.total).toBeGreaterThan(0);
    expect(report.validation.fill.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('leaves at least 95% of the validation fields that want something else alone', () => {
    expect(report.validation.leave.total).toBeGreaterThan(0);
    expect(report.validation.leave.recall).toBeGreaterThanOrEqual(0.95);
  });
});
