import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv, unescapeCell } from './csv.js';

// Each prefix a spreadsheet runs as a formula, as the probe wrote them.
const formulas = ['=HYPERLINK("https://evil.test","click")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

describe('CSV formula escaping', () => {
  it.each(formulas)('%j is written as text a spreadsheet will not run, and read back unchanged', (text) => {
    const csv = toCsv([{ company: text, note: 'plain' }]);
    // What a spreadsheet sees: the raw cell, without our unescaping.
    const raw = Papa.parse<Record<string, string>>(csv, { header: true }).data[0]!;
    expect(raw.company).toBe(`'${text}`);
    expect(raw.company).not.toMatch(/^[=+\-@\t\r]/);
    expect(raw.note).toBe('plain');
    expect(parseCsv(csv).data).toEqual([{ company: text, note: 'plain' }]);
  });

  it('round-trips text that already starts with apostrophes, and leaves other cells alone', () => {
    const rows = [
      { a: "'=already", b: "''+twice", c: "it's fine", d: "'just quoted", e: 'a=b', f: '', g: '5' },
      { a: ' =leading space', b: '=A1\n=A2', c: 'Acme, Inc.', d: '"quoted"', e: '漢字', f: '-', g: '@' },
    ];
    const csv = toCsv(rows);
    expect(parseCsv(csv).data).toEqual(rows);
    const raw = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    for (const row of raw) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(raw[0]).toMatchObject({ c: "it's fine", d: "'just quoted", e: 'a=b', g: '5' });
  });

  it('numbers are written as numbers, a negative one included', () => {
    expect(toCsv([{ value: -5, other: 3 }])).toBe('value,other\r\n-5,3');
  });

  it('unescapes only an apostrophe before a formula character', () => {
    expect(unescapeCell("'=1")).toBe('=1');
    expect(unescapeCell("''=1")).toBe("'=1");
    expect(unescapeCell("'abc")).toBe("'abc");
    expect(unescapeCell('=1')).toBe('=1');
  });
});
