import { Alert, Typography } from 'antd';

export interface ConcernPreview {
  /** The reply a resident would get, composed by the server exactly as it answers. */
  reply: string;
  /** Why it cannot be published yet (empty: it can). */
  problems: string[];
}

/** Shown before 发布: what residents will read, and what still stands in the way. */
export function PublishPreview({ preview }: { preview: ConcernPreview }) {
  return (
    <div data-testid="publish-preview">
      {preview.problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="还不能发布" description={preview.problems.join('；')} />
      )}
      <Typography.Text type="secondary">居民将收到的答复：</Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, marginTop: 8, maxHeight: 360, overflow: 'auto' }}>
        {preview.reply}
      </Typography.Paragraph>
    </div>
  );
}
