import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { parse as parseCsv } from 'csv-parse/sync';

/**
 * How big a catalogue spreadsheet may be. A county catalogue has a few thousand rows and a dozen
 * columns; the limits leave room for that many times over and stop files built to freeze the service.
 */
export interface SpreadsheetLimits {
  /** Data rows, header not counted. */
  maxRows: number;
  maxColumns: number;
  /** An XLSX parse that runs longer is stopped (its worker terminated). */
  timeoutMs: number;
  /** Heap of the worker that parses an XLSX (a zip can unpack to far more than it weighs). */
  maxMemoryMb: number;
  /** Tests only: told the id of the thread that parsed the XLSX. */
  onThread?: (threadId: number) => void;
}

export const SPREADSHEET_LIMITS: SpreadsheetLimits = { maxRows: 50_000, maxColumns: 100, timeoutMs: 30_000, maxMemoryMb: 512 };

/** A spreadsheet refused for its size; the message tells staff what to change. */
export class SpreadsheetRefused extends Error {
  override name = 'SpreadsheetRefused';
}

function tooManyRows(rows: number, limits: SpreadsheetLimits, lastRow?: number): SpreadsheetRefused {
  const where = lastRow ? `（最后一个单元格在第 ${lastRow} 行）` : '';
  return new SpreadsheetRefused(`表格有 ${rows} 行${where}，超过上限 ${limits.maxRows} 行：请删去多余的行，或分成几个文件上传`);
}

function tooManyColumns(columns: number, limits: SpreadsheetLimits): SpreadsheetRefused {
  return new SpreadsheetRefused(`表格有 ${columns} 列，超过上限 ${limits.maxColumns} 列：请删去多余的列（含只有格式的空列）后再上传`);
}

/**
 * The cells of a catalogue spreadsheet (XLSX: first sheet; otherwise CSV in UTF-8 or GBK), header row
 * first, every row as wide as the widest. XLSX is parsed in a worker thread — unzipping and
 * reading the XML takes seconds for a large sheet, and the service must keep answering meanwhile.
 * CSV parsing is linear and stays here, within the same row and column limits.
 */
export async function catalogueRows(file: string, content: Buffer, limits: SpreadsheetLimits = SPREADSHEET_LIMITS): Promise<string[][]> {
  if (/\.xlsx$/i.test(file)) return oneWorkerAtATime(() => xlsxRowsInWorker(content, limits));
  // One line past the limit is enough to know the file is too long.
  const rows = parseCsv(decodeCsv(content), {
    bom: true, relax_column_count: true, skip_empty_lines: false, to_line: limits.maxRows + 2,
  }) as string[][];
  if (rows.length > limits.maxRows + 1) throw tooManyRows(rows.length - 1, limits);
  const widest = rows.reduce((max, row) => Math.max(max, row.length), 0);
  if (widest > limits.maxColumns) throw tooManyColumns(widest, limits);
  return rows;
}

/**
 * CSV bytes as text: UTF-8 when they are valid UTF-8, else GB18030 (a superset of GBK), which is
 * what Excel on a Chinese Windows saves as "CSV".
 */
function decodeCsv(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

type WorkerAnswer =
  | { rows: string[][]; threadId: number }
  | { refused: 'rows'; rows: number; lastRow: number }
  | { refused: 'columns'; columns: number }
  | { error: string };

/**
 * The worker's whole program, run from its source text (`eval`): a separate file would need a
 * build step of its own and would not exist when the tests run the TypeScript sources. It uses
 * nothing from this module's scope; ExcelJS comes by the path the main thread resolved.
 */
function xlsxWorkerProgram(): void {
  const { parentPort, workerData, threadId } = require('node:worker_threads');
  const ExcelJS = require(workerData.exceljsPath);
  const { maxRows, maxColumns } = workerData;
  (async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(workerData.content);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { rows: [], threadId };
    // rowCount is the last row holding anything, even only formatting: checked before walking them.
    if (sheet.rowCount - 1 > maxRows) return { refused: 'rows', rows: sheet.rowCount - 1, lastRow: sheet.rowCount };
    // Once: ExcelJS recomputes columnCount over every row on each read (quadratic inside the loop).
    const columns = sheet.columnCount;
    if (columns > maxColumns) return { refused: 'columns', columns };
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row: { getCell(c: number): { text?: string } }) => {
      const cells: string[] = [];
      for (let c = 1; c <= columns; c++) cells.push(row.getCell(c).text ?? '');
      rows.push(cells);
    });
    return { rows, threadId };
  })().then(
    (answer) => parentPort.postMessage(answer),
    (error: Error) => parentPort.postMessage({ error: String(error?.message ?? error) }),
  );
}

const WORKER_SOURCE = `(${xlsxWorkerProgram.toString()})()`;
const EXCELJS_PATH = createRequire(import.meta.url).resolve('exceljs');

// Parses wait their turn: each worker may take its heap limit, and a few uploads at once must not take the machine's memory.
let queue: Promise<unknown> = Promise.resolve();
function oneWorkerAtATime<T>(parse: () => Promise<T>): Promise<T> {
  const turn = queue.then(parse);
  queue = turn.catch(() => undefined);
  return turn;
}

function xlsxRowsInWorker(content: Buffer, limits: SpreadsheetLimits): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { content, exceljsPath: EXCELJS_PATH, maxRows: limits.maxRows, maxColumns: limits.maxColumns },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new SpreadsheetRefused(
      `表格解析超过 ${limits.timeoutMs / 1000} 秒，已停止：请确认文件是目录表，删去多余的工作表、行和格式，或分成几个文件上传`,
    ))), limits.timeoutMs);
    worker.on('message', (answer: WorkerAnswer) => finish(() => {
      if ('error' in answer) reject(new Error(answer.error));
      else if ('refused' in answer) reject(answer.refused === 'rows' ? tooManyRows(answer.rows, limits, answer.lastRow) : tooManyColumns(answer.columns, limits));
      else {
        limits.onThread?.(answer.threadId);
        resolve(answer.rows);
      }
    }));
    worker.on('error', (error: Error & { code?: string }) => finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new SpreadsheetRefused(`表格解压后过大（解析用的内存超过 ${limits.maxMemoryMb} MB）：请删去多余的工作表、行和格式，或分成几个文件上传`)
      : error)));
    worker.on('exit', () => finish(() => reject(new Error('表格解析意外中止'))));
  });
}
