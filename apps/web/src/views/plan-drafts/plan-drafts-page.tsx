import { InboxOutlined } from '@ant-design/icons';
import { Input, Result, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { RefusalAlert } from '../../common/refusal-alert';
import { StateTag } from '../../common/state-tag';
import { useI18n } from '../../i18n/i18n';
import { documentFormatOf, draftDocument, listDrafts, PlanDraftSummary } from './plan-drafts.api';

// The office drafts a plan from the document it has (整改方案 as text, Word or PDF): the drafts so
// far, newest first, and the upload that opens the new draft for review.
export function PlanDraftsPage() {
  const { tr } = useI18n();
  const { may } = useSession();
  const navigate = useNavigate();
  const [drafts, setDrafts] = useState<PlanDraftSummary[]>();
  const [planCode, setPlanCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const allowed = may('plan:import');

  useEffect(() => {
    if (allowed) listDrafts().then(setDrafts, (e: Error) => setError(e));
  }, [allowed]);

  if (!allowed) return <Result status="403" title={tr('无权起草整改方案', 'You may not draft plans')} />;

  const upload = async (file: File) => {
    setBusy(true);
    setError(undefined);
    try {
      const draft = await draftDocument(file, planCode);
      navigate(`/plans/drafts/${draft.id}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={2}>{tr('从文件起草方案', 'Draft a plan from a document')}</Typography.Title>
      <Typography.Paragraph>
        {tr(
          '上传整改方案或巡视反馈意见（.txt、.docx 或有文字层的 .pdf），系统按公文结构起草方案，核对后再导入。',
          'Upload a rectification plan or feedback opinion (.txt, .docx or a PDF with a text layer): the plan is drafted from its structure for you to review, then import.',
        )}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="draft-plan-code">{tr('方案编号（可选）', 'Plan code (optional)')}</label>
        <Input
          id="draft-plan-code"
          value={planCode}
          onChange={(e) => setPlanCode(e.target.value)}
          style={{ width: 240 }}
        />
      </Space>
      <Upload.Dragger
        accept=".txt,.docx,.pdf"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(chosen) => {
          if (!documentFormatOf(chosen.name)) {
            setError(
              new Error(
                tr(
                  `无法识别 ${chosen.name}：请上传 .txt、.docx 或 .pdf 文件`,
                  `${chosen.name}: upload a .txt, .docx or .pdf file`,
                ),
              ),
            );
            return Upload.LIST_IGNORE;
          }
          void upload(chosen);
          // Sent by the screen with the document's content type, not by the Upload's own request.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {tr('点击或拖入文件（TXT / DOCX / PDF）', 'Click or drop a document (TXT / DOCX / PDF)')}
        </p>
      </Upload.Dragger>
      <div style={{ marginTop: 16 }}>
        <RefusalAlert error={error} />
      </div>
      <Table<PlanDraftSummary>
        size="small"
        rowKey="id"
        loading={!drafts && !error}
        aria-label={tr('方案草稿', 'Plan drafts')}
        title={() => <Typography.Text strong>{tr('方案草稿', 'Plan drafts')}</Typography.Text>}
        dataSource={drafts ?? []}
        pagination={(drafts?.length ?? 0) > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: tr('还没有草稿', 'No drafts yet') }}
        columns={[
          {
            title: tr('文件', 'File'),
            dataIndex: 'fileName',
            render: (v: string | null, d) => <Link to={`/plans/drafts/${d.id}`}>{v ?? d.id}</Link>,
          },
          { title: tr('方案编号', 'Plan code'), dataIndex: 'planCode', render: (v) => v ?? '—' },
          { title: tr('方案名称', 'Plan title'), dataIndex: 'planTitle', render: (v) => v ?? '—' },
          {
            title: tr('状态', 'Status'),
            dataIndex: 'status',
            render: (s: PlanDraftSummary['status']) =>
              s === 'applied' ? (
                <StateTag tone="green">{tr('已导入', 'Applied')}</StateTag>
              ) : (
                <Tag>{tr('草稿', 'Draft')}</Tag>
              ),
          },
          {
            title: tr('起草时间', 'Drafted'),
            dataIndex: 'createdAt',
            render: (v: string) => new Date(v).toLocaleString(),
          },
        ]}
      />
    </>
  );
}
