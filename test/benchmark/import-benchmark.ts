import ExcelJS from 'exceljs';
import { startSignedInService } from './signed-in-service.js';

export interface AnswerDuringImport {
  /** What ran meanwhile. */
  during: string;
  /** How long it took (ms). */
  workMs: number;
  answers: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const ROWS = 10_000;
const HEADER = ['编号', '领域', '一级事项', '二级事项', '公开内容', '公开时限', '公开主体'];

function catalogueRows(): string[][] {
  return Array.from({ length: ROWS }, (_, i) => [
    `bench-${i}`, '社会救助', '社会救助服务', `救助事项${i}`, `第${i}项的公开内容：申请条件、办理流程、救助标准`,
    '信息形成或变更之日起20个工作日内公开', '县级民政部门',
  ]);
}

const csvOf = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\n');

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目录');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * `/api/answer` latency while the console imports a 10,000-row catalogue: idle (baseline), while an
 * XLSX of those rows is parsed (preview), and while the CSV import is committed (the writes, then the
 * index rebuild). Residents ask one after another from 4 clients, each question new text.
 */
export async function runImportBenchmark(port = 3911): Promise<AnswerDuringImport[]> {
  // The clients ask far more often than one address or resident may: the limits are not what is measured.
  const service = await startSignedInService(port, 'security:\n  rateLimit:\n    perIp: 1000000\n    perUser: 100000\n');
  const post = (path: string, body: object) => fetch(`${service.base}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...service.auth }, body: JSON.stringify(body),
  });
  let asked = 0;
  const timeAnswersWhile = async (during: string, work: () => Promise<unknown>, idleMs = 0): Promise<AnswerDuringImport> => {
    const times: number[] = [];
    let running = true;
    const clients = Array.from({ length: 4 }, async (_, client) => {
      while (running) {
        const started = performance.now();
        const res = await post('/api/answer', { text: `低保怎么申请（${asked++}）`, userId: `bench-${client}-${asked % 40}` });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`答复失败：${res.status}`);
        times.push(performance.now() - started);
      }
    });
    const started = performance.now();
    await (idleMs > 0 ? new Promise((r) => setTimeout(r, idleMs)) : work());
    const workMs = performance.now() - started;
    running = false;
    await Promise.all(clients);
    times.sort((a, b) => a - b);
    return { during, workMs, answers: times.length, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), maxMs: times.at(-1) ?? 0 };
  };
  const preview = async (filename: string, content: Buffer) => {
    const res = await post('/api/console/import/catalogue/preview', { filename, contentBase64: content.toString('base64') });
    const body = (await res.json()) as { previewId: string; adds: unknown[]; errors: unknown[] };
    if (!res.ok || body.errors.length > 0 || body.adds.length !== ROWS) throw new Error(`预览失败：${res.status}`);
    return body.previewId;
  };
  try {
    const rows = catalogueRows();
    const xlsx = await xlsxOf(rows);
    const results = [await timeAnswersWhile('无导入（基线，5 s）', async () => undefined, 5000)];
    results.push(await timeAnswersWhile(`解析 ${ROWS.toLocaleString('en')} 行 XLSX（预览，${(xlsx.length / 1024).toFixed(0)} KB）`, () => preview('目录.xlsx', xlsx)));
    const previewId = await preview('目录.csv', Buffer.from(csvOf(rows)));
    results.push(await timeAnswersWhile(`提交 ${ROWS.toLocaleString('en')} 行目录导入（写库并重建索引）`, async () => {
      const res = await post('/api/console/import/catalogue/commit', { previewId });
      if (!res.ok) throw new Error(`提交失败：${res.status} ${await res.text()}`);
      // The commit returns when the rows are stored; the new index is built after it, in slices.
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const found = (await fetch(`${service.base}/api/search?q=${encodeURIComponent('救助事项9999')}&type=item`).then((r) => r.json())) as { results: { id: string }[] };
        if (found.results.some((hit) => hit.id === 'bench-9999')) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('新索引 120 秒内未生效');
    }));
    return results;
  } finally {
    await service.stop();
  }
}
