import { describe, expect, it } from 'vitest';
import { createAttempt } from './engine';
import { CSV_COLUMNS, csvField, exportFileName, exportRows, toCsv, toJson } from './export';
import { loadItems } from './items';

const { byId } = loadItems();
const attempt = {
  ...createAttempt(byId, { seed: 9, pool: ['sc-random-keys', 'failures-lag-value', 'predict-key-partition'], kind: 'full', startedAt: '2026-01-01T00:00:00.000Z' }),
  finishedAt: '2026-01-01T00:05:00.000Z',
  responses: {
    'sc-random-keys': { answer: { kind: 'single' as const, choice: 'duplicates' }, score: 0, correct: false, answeredAt: 't' },
    'predict-key-partition': { answer: { kind: 'predict' as const, value: 4 }, score: 1, correct: true, observed: 4, answeredAt: 't' },
  },
};

describe('results export', () => {
  it('writes one CSV row per question with a fixed header', () => {
    const csv = toCsv(exportRows([attempt], byId));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4);
    const row = lines.find((l) => l.includes('sc-random-keys'))!;
    expect(row).toContain('Random keys make Kafka deliver some events twice.');
    expect(row).toMatch(/,0,false,$/);
    expect(lines.find((l) => l.includes('predict-key-partition'))).toMatch(/,4,4,1,true,$/);
    // unanswered: empty "correct" column and a zero score
    expect(lines.find((l) => l.includes('failures-lag-value'))).toMatch(/\(not answered\),"8,250 records",0,,$/);
    expect(row.startsWith(`${attempt.id},full,9,2026-01-01T00:00:00.000Z,2026-01-01T00:05:00.000Z,33.3,`)).toBe(true);
  });
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });
  it('writes JSON with the format, scores and raw answers', () => {
    const doc = JSON.parse(toJson([attempt], byId, '2026-01-02T00:00:00.000Z'));
    expect(doc.format).toBe('streamlab-quiz-results');
    expect(doc.version).toBe(1);
    expect(doc.bestPercent).toBe(33.3);
    expect(doc.attempts[0].seed).toBe(9);
    expect(doc.attempts[0].score).toMatchObject({ max: 3, correct: 1 });
    const q = doc.attempts[0].questions.find((x: { itemId: string }) => x.itemId === 'sc-random-keys');
    expect(q).toMatchObject({ correct: false, raw: { kind: 'single', choice: 'duplicates' }, section: 'self-check' });
  });
  it('carries the learner’s name, for handing in: a last CSV column, a JSON field and the file name', () => {
    const csv = toCsv(exportRows([attempt], byId, '  Ada Lovelace '));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]!.endsWith(',learner_name')).toBe(true);
    for (const l of lines.slice(1)) expect(l.endsWith(',Ada Lovelace')).toBe(true);
    expect(JSON.parse(toJson([attempt], byId, 'now', 'Ada Lovelace')).learnerName).toBe('Ada Lovelace');
    expect(exportFileName('Zoë O’Brien', '2026-03-01', 'csv')).toBe('streamlab-quiz-zoe-o-brien-2026-03-01.csv');
    expect(exportFileName('', '2026-03-01', 'json')).toBe('streamlab-quiz-2026-03-01.json');
    // a name that looks like a formula does not run in a spreadsheet
    expect(toCsv(exportRows([attempt], byId, '=HYPERLINK("x")')).split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
