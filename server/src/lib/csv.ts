// Every CSV the console writes or reads goes through here (partners export, the metrics template,
// both imports; server and web). A cell that starts with =, +, -, @, a tab or a carriage return is a
// live formula to a spreadsheet (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`): written, it gets a leading
// apostrophe (papaparse's escapeFormulae), which a spreadsheet shows as text; read, that one
// apostrophe is dropped again, so export → import gives back the original text. Text that already
// starts with apostrophes before such a character gets one more, so it round-trips too.
import Papa from 'papaparse';

/** A cell a spreadsheet would run as a formula, or one that already looks escaped. */
const FORMULA_OR_ESCAPED = /^'*[=+\-@\t\r]/;

/** Rows as CSV (header from the first row's keys, or `columns`), formula-looking cells escaped. */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  return Papa.unparse(rows as Record<string, unknown>[], { escapeFormulae: FORMULA_OR_ESCAPED, ...(columns && { columns: [...columns] }) });
}

/** One cell as read from a CSV this console (or a careful spreadsheet) wrote: the escape removed. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_OR_ESCAPED.test(value) ? value.slice(1) : value;
}

/**
 * Parses a CSV with a header row (names trimmed and lower-cased; a byte-order mark ignored; blank
 * lines skipped), each cell unescaped.
 */
export function parseCsv(text: string) {
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
    transform: (value) => unescapeCell(value),
  });
}
