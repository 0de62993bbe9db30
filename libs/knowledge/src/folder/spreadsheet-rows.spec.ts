import { isMainThread, threadId } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { catalogueRows, SpreadsheetRefused, SPREADSHEET_LIMITS } from './spreadsheet-rows.js';

const HEADER = ['编号', '领域', '一级事项', '二级事项', '公开内容'];

async function xlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('目录'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('catalogueRows: spreadsheets within limits, parsed off the main thread', () => {
  it('reads an XLSX of thousands of rows, header first, every row as wide as the widest', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      for (let i = 0; i < 8000; i++) sheet.addRow([`t-${i}`, '旅游', '公共服务', `事项${i}`, `内容${i}`]);
      sheet.getCell('G3').value = '多出的列';
    });
    const rows = await catalogueRows('目录.xlsx', file);
    expect(rows).toHaveLength(8001);
    expect(rows[0]).toEqual([...HEADER, '', '']);
    expect(rows[2]).toEqual(['t-1', '旅游', '公共服务', '事项1', '内容1', '', '多出的列']);
    expect(rows[8000][0]).toBe('t-7999');
  });

  it('refuses a small file whose last cell is far down, in Chinese, without walking the empty rows', async () => {
    const bomb = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.getCell('A100000').value = 'x';
    });
    expect(bomb.length).toBeLessThan(10_000);
    const refusal = await catalogueRows('bomb.xlsx', bomb).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SpreadsheetRefused);
    expect((refusal as Error).message).toBe(
      `表格有 99999 行（最后一个单元格在第 100000 行），超过上限 ${SPREADSHEET_LIMITS.maxRows} 行：请删去多余的行，或分成几个文件上传`,
    );
  });

  it('refuses too many columns, in XLSX and in CSV', async () => {
    const wide = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.getCell(2, 5000).value = 'x';
    });
    await expect(catalogueRows('wide.xlsx', wide)).rejects.toThrow(`表格有 5000 列，超过上限 ${SPREADSHEET_LIMITS.maxColumns} 列`);
    const csv = Buffer.from(`${HEADER.join(',')}\n${'a,'.repeat(400)}a\n`);
    await expect(catalogueRows('wide.csv', csv)).rejects.toThrow(`表格有 401 列，超过上限 ${SPREADSHEET_LIMITS.maxColumns} 列`);
  });

  it('refuses too many CSV rows', async () => {
    const csv = Buffer.from(`${HEADER.join(',')}\n${'a,b,c,d,e\n'.repeat(12)}`);
    await expect(catalogueRows('long.csv', csv, { ...SPREADSHEET_LIMITS, maxRows: 10 })).rejects.toThrow('超过上限 10 行');
    expect(await catalogueRows('ok.csv', csv, { ...SPREADSHEET_LIMITS, maxRows: 12 })).toHaveLength(13);
  });

  it('stops a parse that runs past the time limit and says so', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      for (let i = 0; i < 2000; i++) sheet.addRow([`t-${i}`, '旅游', '公共服务', `事项${i}`, `内容${i}`]);
    });
    await expect(catalogueRows('slow.xlsx', file, { ...SPREADSHEET_LIMITS, timeoutMs: 1 }))
      .rejects.toThrow('表格解析超过 0.001 秒，已停止');
  });

  it('parses XLSX in a worker thread, so that the service keeps answering meanwhile', async () => {
    const file = await xlsx((sheet) => sheet.addRow(HEADER));
    const seen: number[] = [];
    await catalogueRows('x.xlsx', file, { ...SPREADSHEET_LIMITS, onThread: (id) => seen.push(id) });
    expect(isMainThread).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(threadId);
  });

  it('reports a file that is not a spreadsheet as unreadable, not as refused', async () => {
    const error = await catalogueRows('x.xlsx', Buffer.from('not a zip')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SpreadsheetRefused);
  });
});
