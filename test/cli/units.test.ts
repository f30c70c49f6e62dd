/**
 * The command line's own small rules, without a process: durations in policy files, the progress line, CSV
 * fields, `--by` lists.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/cli/durations.js';
import { csvField } from '../../src/cli/format/csv.js';
import { progressText } from '../../src/cli/progress.js';
import { splitBy } from '../../src/cli/settings.js';

describe('durations', () => {
  it.each([
    ['30m', 1_800_000],
    ['4h', 14_400_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['90s', 90_000],
    ['1500ms', 1_500],
    ['1.5h', 5_400_000],
    [3_600_000, 3_600_000],
    ['3600000', 3_600_000],
  ] as const)('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['1 hour', 'h', '', '4hh', '-1h', 1.5, -5, null, '0.0001ms'])('%j is refused with a rule', (text) => {
    expect(parseDuration(text)).toEqual({ rule: expect.any(String) });
  });

  it('prints for people', () => {
    expect([formatDuration(undefined), formatDuration(850), formatDuration(45_000), formatDuration(2_100_000), formatDuration(5_400_000), formatDuration(2 * 86_400_000 + 4 * 3_600_000)]).toEqual([
      '—', '850 ms', '45 s', '35 min', '1 h 30 min', '2 d 4 h',
    ]);
  });
});

describe('progress line', () => {
  it('with a total: share, bytes, rate and time left', () => {
    expect(progressText({ bytes: 50_000_000, records: 300_000, file: 0 }, 200_000_000, 5_000, undefined)).toBe(
      '[#####---------------] 25 % · 300,000 records · 50.0 MB of 200.0 MB · 10.0 MB/s · 15 s left',
    );
  });
  it('from stdin (no total): records, bytes, rate', () => {
    expect(progressText({ bytes: 2_500, records: 10, file: 0 }, undefined, 1_000, undefined)).toBe('10 records · 2.5 kB · 2.5 kB/s');
  });
  it('after reading: the phase', () => {
    expect(progressText({ bytes: 1, records: 1_000_000, file: 0 }, 1, 1, 'computing metrics')).toBe('computing metrics · 1,000,000 records read');
  });
});

describe('CSV fields', () => {
  it('quotes what must be quoted and defuses formulas', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', '=SUM(A1)', '+1', '-x', '@me', 12.5, null].map((v) => csvField(v))).toEqual([
      'plain', '"a,b"', '"say ""hi"""', '"two\nlines"', "'=SUM(A1)", "'+1", "'-x", "'@me", '12.5', '',
    ]);
  });
});

describe('--by lists', () => {
  it('commas separate breakdowns, + crosses dimensions, repeated flags add', () => {
    expect(splitBy(['channel,week', 'channel+priority', ' tags '])).toEqual([['channel'], ['week'], ['channel', 'priority'], ['tags']]);
  });
});

describe('atomic writes', () => {
  it('a write that cannot complete leaves the target as it was and no temporary file', async () => {
    const { mkdtempSync, mkdirSync, readdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeAtomically } = await import('../../src/cli/output.js');
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-metrics-atomic-'));
    try {
      const target = join(dir, 'report.html');
      mkdirSync(target);
      writeFileSync(join(target, 'inside'), 'x');
      expect(() => writeAtomically(target, 'text')).toThrow(`cannot write ${target}: it is a directory`);
      expect(readdirSync(dir)).toEqual(['report.html']);
      const file = join(dir, 'out.json');
      writeAtomically(file, 'one');
      writeAtomically(file, 'two');
      expect(readdirSync(dir).sort()).toEqual(['out.json', 'report.html']);
      expect(() => writeAtomically(join(dir, 'missing', 'x.json'), 'text')).toThrow('its directory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
