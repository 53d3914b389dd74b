import { Workbook } from 'exceljs';
import { parse } from 'papaparse';
import { UploadRejectedError } from '../common/domain-errors';

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
  if (/\.xlsx?$/i.test(file)) throw new UploadRejectedError(`${file}: not an XLSX workbook (the file is not a zip)`, 415);
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new UploadRejectedError(`${file}: not a CSV text file`, 415);
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
    throw new UploadRejectedError(`${file}: not a readable XLSX workbook (${(e as Error).message})`, 422);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new UploadRejectedError(`${file}: the workbook has no sheet`, 422);
  const width = ws.columnCount;
  const lines: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    lines.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).text ?? ''));
  }
  // Trailing empty rows are formatting, not students.
  while (lines.length && lines[lines.length - 1].every((c) => !c.trim())) lines.pop();
  const [header = [], ...rows] = lines;
  const used = filledWidth(header);
  return { header: header.slice(0, used).map((h) => h.trim()), rows: rows.map((r) => r.slice(0, Math.max(used, filledWidth(r)))) };
}

/** Cells up to the last non-empty one. */
function filledWidth(cells: string[]): number {
  let n = cells.length;
  while (n > 0 && !cells[n - 1].trim()) n--;
  return n;
}
