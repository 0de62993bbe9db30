import { Button, Card, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { apiDownload } from '../api';
import { PageTitle } from '../components/PageTitle';
import { useAction } from '../hooks';

export function ExportPage() {
  const { busy, run } = useAction();
  const download = () => run('export', () => apiDownload('/api/console/export', `knowledge-${new Date().toISOString().slice(0, 10)}.zip`), '已开始下载');
  return (
    <>
      <PageTitle title="导出" sub="把整个知识库导出为共享格式的 zip：可以存档、比对，也可以交给另一个县导入使用。" />
      <Card size="small">
        <Typography.Paragraph>
          压缩包内是 <Typography.Text code>areas.yaml</Typography.Text>、<Typography.Text code>catalogue/*.csv</Typography.Text>、
          <Typography.Text code>interpretations/*.md</Typography.Text>、<Typography.Text code>concerns/*.yaml</Typography.Text> 和
          <Typography.Text code>dict/</Typography.Text>，与 <Typography.Text code>npm run cli -- import</Typography.Text> 读取的目录格式相同。
        </Typography.Paragraph>
        <Button type="primary" icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void download()}>
          下载知识库 zip
        </Button>
      </Card>
    </>
  );
}
