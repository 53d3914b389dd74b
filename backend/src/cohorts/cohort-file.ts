import { Cell, Workbook } from 'exceljs';
import { parse } from 'papaparse';
import { DomainError, UploadRejectedError } from '../common/domain-errors';
import { decodeUtf8, InputError } from '../common/safe-input';
import { CellError, columnLetter } from './domain/cohort-table';

/** A table refused cell by cell; nothing of it is stored. */
export class CohortRejectedError extends DomainError {
  constructor(errors: CellError[]) {
    const f = errors[0];
    super(
      `cohort rejected, nothing was stored: ${errors.length} problem(s); first: ${f.file} row ${f.row}${f.column ? `, column ${f.column}` : ''}: ${f.message}`,
      422,
      errors,
      'cohort.rejected',
      { count: errors.length, file: f.file, row: f.row, column: f.column ?? null },
    );
  }
}

export interface Table {
  header: string[];
  rows: string[][];
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b;

/**
 * Reads the first sheet of an XLSX file or a CSV file into text cells. The content decides, not
 * the name: an XLSX is a zip, anything else must be UTF-8 CSV.
 */
export async function readTable(file: string, data: Buffer): Promise<Table> {
  if (isZip(data)) return readXlsx(file, data);
  if (/\.xlsx?$/i.test(file))
    throw new UploadRejectedError(
      `${file}: not an XLSX workbook (the file is not a zip)`,
      415,
      'cohort.not_xlsx',
      { file },
    );
  let text: string;
  try {
    text = decodeUtf8(data);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new UploadRejectedError(`${file}: ${e.message}`, 422, e.code, { file, ...e.params });
  }
  if (text.includes('\u0000'))
    throw new UploadRejectedError(`${file}: not a CSV text file`, 415, 'cohort.not_csv', { file });
  const parsed = parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new UploadRejectedError(`${file}: row ${(bad.row ?? 0) + 1}: ${bad.message}`, 422);
  const [header = [], ...rows] = parsed.data;
  return { header: header.map((h) => h.trim()), rows };
}

async function readXlsx(file: string, data: Buffer): Promise<Table> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new UploadRejectedError(
      `${file}: not a readable XLSX workbook (${(e as Error).message})`,
      422,
      'cohort.xlsx_unreadable',
      {
        file,
      },
    );
  }
  const ws = wb.worksheets[0];
  if (!ws)
    throw new UploadRejectedError(`${file}: the workbook has no sheet`, 422, 'cohort.no_sheet', {
      file,
    });
  const width = ws.columnCount;
  const lines: string[][] = [];
  const errors: CellError[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    lines.push(
      Array.from({ length: width }, (_, c) => cellText(file, row.getCell(c + 1), r, c, errors)),
    );
  }
  if (errors.length) throw new CohortRejectedError(errors.slice(0, 100));
  // Trailing empty rows are formatting, not students.
  while (lines.length && lines[lines.length - 1].every((c) => !c.trim())) lines.pop();
  const [header = [], ...rows] = lines;
  const used = filledWidth(header);
  return {
    header: header.slice(0, used).map((h) => h.trim()),
    rows: rows.map((r) => r.slice(0, Math.max(used, filledWidth(r)))),
  };
}

/**
 * The text of a cell. A formula's result is what the sheet shows, except that an error result
 * (#DIV/0!, #N/A, …) is refused naming the cell; a formula in the first column (the student or
 * question) is kept as a formula, since an identifier is never computed and the check refuses it.
 */
function cellText(file: string, cell: Cell, row: number, col: number, errors: CellError[]): string {
  const v = cell.value as unknown;
  const obj =
    v && typeof v === 'object'
      ? (v as { error?: string; formula?: string; sharedFormula?: string; result?: unknown })
      : null;
  const result = obj?.result as { error?: string } | undefined;
  const error = obj?.error ?? (result && typeof result === 'object' ? result.error : undefined);
  if (error) {
    const formula = obj?.formula ?? obj?.sharedFormula;
    errors.push({
      file,
      row,
      column: `${columnLetter(col)}`,
      code: 'cohort.cell_error',
      params: { file, cell: cell.address, error, formula: formula ?? null },
      message: `cell ${cell.address} holds the error ${error}${formula ? ` (from the formula =${formula})` : ''}; fix the sheet or write the value`,
    });
    return '';
  }
  if (col === 0 && (obj?.formula || obj?.sharedFormula))
    return `=${obj.formula ?? obj.sharedFormula}`;
  return cell.text ?? '';
}

/** Cells up to the last non-empty one. */
function filledWidth(cells: string[]): number {
  let n = cells.length;
  while (n > 0 && !cells[n - 1].trim()) n--;
  return n;
}
