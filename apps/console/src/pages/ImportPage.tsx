import { Alert, Button, Card, Result, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { apiDownload, apiPost } from '../api';
import { PageTitle } from '../components/PageTitle';
import { useAction } from '../hooks';
import type { CatalogueItem } from '../types';

type Row = Partial<CatalogueItem> & { id: string };

interface Preview {
  previewId: string;
  adds: Row[];
  changes: { id: string; before: Row; after: Row }[];
  errors: { row: number | null; message: string }[];
}

const FIELD_LABELS: Record<string, string> = {
  areaCode: '领域',
  level1: '一级事项',
  title: '二级事项',
  content: '公开内容',
  basis: '公开依据',
  timeLimit: '公开时限',
  publisher: '公开主体',
  channels: '公开渠道和载体',
  audience: '公开对象',
  mode: '公开方式',
  level: '公开层级',
};

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

/** The fields that differ between before and after, as "字段：旧 → 新". */
function changedFields(before: Row, after: Row): { field: string; from: string; to: string }[] {
  return Object.keys(FIELD_LABELS)
    .filter((key) => String(before[key as keyof Row] ?? '') !== String(after[key as keyof Row] ?? ''))
    .map((key) => ({ field: FIELD_LABELS[key], from: String(before[key as keyof Row] ?? '') || '（空）', to: String(after[key as keyof Row] ?? '') || '（空）' }));
}

export function ImportPage() {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [filename, setFilename] = useState('');
  const [committed, setCommitted] = useState<string | null>(null);
  const { busy, run } = useAction();

  const upload = (file: File) => {
    setCommitted(null);
    setFilename(file.name);
    void run('preview', async () => {
      const contentBase64 = await readBase64(file);
      setPreview(await apiPost<Preview>('/api/console/import/catalogue/preview', { filename: file.name, contentBase64 }));
    });
    return false; // antd must not upload by itself
  };

  const commit = () =>
    run(
      'commit',
      async () => {
        await apiPost('/api/console/import/catalogue/commit', { previewId: preview!.previewId });
        setCommitted(`已导入 ${filename}：新增 ${preview!.adds.length} 项，修改 ${preview!.changes.length} 项。`);
        setPreview(null);
      },
      '导入完成',
    );

  return (
    <>
      <PageTitle title="目录导入" sub="上传政务公开事项标准目录（XLSX 或 CSV，标准列：编号、领域、一级事项、二级事项、公开内容……），先预览再确认导入。" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Upload.Dragger accept=".csv,.xlsx" showUploadList={false} beforeUpload={upload} disabled={busy !== null} data-testid="import-upload">
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖拽文件到此处上传</p>
          <p className="ant-upload-hint">支持 .xlsx 和 .csv（UTF-8 或 Excel 保存的 GBK 编码）；“领域”可填名称、代码或别名；上传后只做预览，不会修改目录。</p>
        </Upload.Dragger>
        <Button
          type="link"
          icon={<DownloadOutlined />}
          style={{ marginTop: 8, paddingLeft: 0 }}
          data-testid="import-template"
          onClick={() => void apiDownload('/api/console/import/catalogue/template', '目录导入模板.csv')}
        >
          下载导入模板（表头和一行示例）
        </Button>
      </Card>
      {committed && <Result status="success" title="导入完成" subTitle={committed} />}
      {preview && (
        <Card
          size="small"
          title={`预览：${filename}`}
          data-testid="import-preview"
          extra={
            <Space>
              <Button onClick={() => setPreview(null)}>放弃</Button>
              <Button type="primary" loading={busy === 'commit'} disabled={preview.errors.length > 0 || preview.adds.length + preview.changes.length === 0} onClick={() => void commit()}>
                确认导入
              </Button>
            </Space>
          }
        >
          {preview.errors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`有 ${preview.errors.length} 处错误，修正后重新上传才能导入（有错误时一条都不会导入）。`} />}
          {preview.errors.length === 0 && preview.adds.length + preview.changes.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="文件内容与现有目录完全相同，无需导入。" />}
          <Tabs
            key={preview.previewId}
            items={[
              {
                key: 'adds',
                label: <span>新增 <Tag color="green">{preview.adds.length}</Tag></span>,
                children: (
                  <Table<Row> size="small" rowKey="id" dataSource={preview.adds} pagination={{ pageSize: 20 }} columns={[
                    { title: '编号', dataIndex: 'id', width: 180 },
                    { title: '领域', dataIndex: 'areaCode', width: 120 },
                    { title: '一级事项', dataIndex: 'level1', width: 140 },
                    { title: '二级事项', dataIndex: 'title' },
                  ]} />
                ),
              },
              {
                key: 'changes',
                label: <span>修改 <Tag color="blue">{preview.changes.length}</Tag></span>,
                children: (
                  <Table size="small" rowKey="id" dataSource={preview.changes} pagination={{ pageSize: 20 }} columns={[
                    { title: '编号', dataIndex: 'id', width: 180 },
                    { title: '名称', render: (_: unknown, row) => row.after.title ?? row.before.title },
                    {
                      title: '变化',
                      render: (_: unknown, row) => (
                        <Space orientation="vertical" size={0}>
                          {changedFields(row.before, row.after).map((c) => (
                            <Typography.Text key={c.field}>
                              {c.field}：<Typography.Text delete type="secondary">{c.from}</Typography.Text> → {c.to}
                            </Typography.Text>
                          ))}
                        </Space>
                      ),
                    },
                  ]} />
                ),
              },
              {
                key: 'errors',
                label: <span>错误 <Tag color={preview.errors.length ? 'red' : 'default'}>{preview.errors.length}</Tag></span>,
                children: (
                  <Table size="small" rowKey={(e) => `${e.row}-${e.message}`} dataSource={preview.errors} pagination={{ pageSize: 20 }} columns={[
                    { title: '行', dataIndex: 'row', width: 80, render: (row: number | null) => row ?? '—' },
                    { title: '问题', dataIndex: 'message' },
                  ]} />
                ),
              },
            ]}
            defaultActiveKey={preview.errors.length > 0 ? 'errors' : 'adds'}
          />
        </Card>
      )}
    </>
  );
}
