import { describe, expect, it } from 'vitest';
import { BackupError, insertOrder, migrationMismatch, parseBodyLine, parseHeader, tableMismatch } from './backup.rules.js';

const header = { format: 'aionis-backup', version: 1, createdAt: '2026-11-26T00:00:00.000Z', migrations: ['a'], tables: [] };

describe('backup rules', () => {
  it('reads a header, and refuses other files and newer versions', () => {
    expect(parseHeader(JSON.stringify(header)).migrations).toEqual(['a']);
    expect(() => parseHeader('PGDMP')).toThrow(/first line is not JSON/);
    expect(() => parseHeader(undefined)).toThrow(BackupError);
    expect(() => parseHeader('{"format":"other"}')).toThrow(/Not an Aionis backup/);
    expect(() => parseHeader(JSON.stringify({ ...header, version: 3 }))).toThrow(/format version 3; .* up to version 1/);
    expect(() => parseHeader(JSON.stringify({ ...header, tables: [{ name: 'Plan' }] }))).toThrow(/lacks its tables/);
  });

  it('reads row and end lines, and names the line of anything else', () => {
    expect(parseBodyLine('{"table":"Plan","values":["1",null]}', 2)).toEqual({ table: 'Plan', values: ['1', null] });
    expect(parseBodyLine('{"end":true,"rows":0}', 2)).toEqual({ end: true, rows: 0 });
    expect(() => parseBodyLine('{"table":"Plan","values":[1]}', 7)).toThrow(/line 7/);
    expect(() => parseBodyLine('{"table":', 8)).toThrow(/line 8 is not JSON/);
  });

  it('names missing and extra migrations', () => {
    expect(migrationMismatch(['a', 'b'], ['a', 'b'])).toBeNull();
    expect(migrationMismatch(['a', 'b'], ['a', 'c'])).toMatch(/the target lacks b; the target has c, which the backup does not/);
  });

  it('names tables and columns that differ', () => {
    const plan = { name: 'Plan', columns: [{ name: 'id', type: 'uuid' }] };
    expect(tableMismatch([plan], [plan])).toBeNull();
    expect(tableMismatch([plan], [{ name: 'Plan', columns: [{ name: 'id', type: 'text' }] }])).toMatch(/Plan has different columns/);
    expect(tableMismatch([plan], [])).toMatch(/Plan is missing in the target/);
  });

  it('orders tables after the tables they reference, and refuses a cycle', () => {
    const refs = [
      { table: 'Phase', references: 'Plan' },
      { table: 'Gate', references: 'Phase' },
      { table: 'Gate', references: 'Gate' },
    ];
    expect(insertOrder(['Gate', 'Phase', 'Plan', 'AppSetting'], refs)).toEqual(['AppSetting', 'Plan', 'Phase', 'Gate']);
    expect(() => insertOrder(['A', 'B'], [{ table: 'A', references: 'B' }, { table: 'B', references: 'A' }])).toThrow(/cycle between A, B/);
  });
});
