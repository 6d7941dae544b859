import { Button, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { downloadFile } from '../../common/download';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';
import { EVIDENCE_KIND_NAMES } from './evidence-upload-field';
import { evidenceBlob, formatInstant } from './measure-commands';
import type { Evidence, MeasureEvent } from './measure-detail.api';
import { useActorName } from './measure-timeline';

interface Row extends Evidence {
  readonly key: string;
  readonly claimedAt: string;
  readonly actor: string;
}

// The evidence every completion claim carried (the record keeps each claim's), newest first.
export function EvidencePanel(props: { events: readonly MeasureEvent[]; timeZone?: string }) {
  const { tr } = useI18n();
  const actorName = useActorName();
  const [error, setError] = useState<Error>();
  const [preview, setPreview] = useState<{ row: Row; url: string; type: string } | null>(null);

  // The blob: URL lives as long as its preview.
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );

  const rows: Row[] = props.events
    .filter((e) => e.kind === 'completion_claimed')
    .flatMap((e) =>
      ((e.detail.evidence ?? []) as Evidence[]).map((ev, i) => ({
        ...ev,
        key: `${e.id}/${i}`,
        claimedAt: e.occurredAt,
        actor: e.actor,
      })),
    )
    .reverse();

  const open = async (row: Row) => {
    try {
      setPreview({ row, ...(await evidenceBlob(row.fileId!)) });
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  };
  const download = (row: Row) =>
    downloadFile(`/evidence/${encodeURIComponent(row.fileId!)}`, row.description).catch((e: Error) =>
      setError(e),
    );

  return (
    <>
      <RefusalAlert error={error} />
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        // antd's own placeholder grey fails the contrast check: the muted grey of the other screens.
        locale={{
          emptyText: <span style={{ color: '#595959' }}>{tr('尚无佐证材料', 'No evidence yet')}</span>,
        }}
        columns={[
          { title: tr('说明', 'Description'), dataIndex: 'description' },
          {
            title: tr('类型', 'Kind'),
            dataIndex: 'kind',
            render: (k: Row['kind']) => (EVIDENCE_KIND_NAMES[k] ? tr(...EVIDENCE_KIND_NAMES[k]) : k),
          },
          {
            title: tr('提交', 'Submitted'),
            key: 'claimed',
            render: (_, r) => `${formatInstant(r.claimedAt, props.timeZone)} · ${actorName(r.actor)}`,
          },
          {
            title: tr('文件', 'File'),
            key: 'file',
            render: (_, r) =>
              r.fileId ? (
                <Space>
                  <Button
                    size="small"
                    aria-label={`${tr('预览', 'Preview')} ${r.description}`}
                    onClick={() => void open(r)}
                  >
                    {tr('预览', 'Preview')}
                  </Button>
                  <Button
                    size="small"
                    aria-label={`${tr('下载', 'Download')} ${r.description}`}
                    onClick={() => void download(r)}
                  >
                    {tr('下载', 'Download')}
                  </Button>
                </Space>
              ) : (
                tr('无文件', 'no file')
              ),
          },
        ]}
      />
      {preview && (
        <Modal
          open
          title={preview.row.description}
          footer={<Button onClick={() => void download(preview.row)}>{tr('下载', 'Download')}</Button>}
          onCancel={() => setPreview(null)}
          width={800}
        >
          {preview.type.startsWith('image/') ? (
            <img src={preview.url} alt={preview.row.description} style={{ maxWidth: '100%' }} />
          ) : (
            <Typography.Paragraph>
              {tr(
                '此类文件不能在浏览器中预览，请下载查看。',
                'This kind of file cannot be previewed; download it.',
              )}
            </Typography.Paragraph>
          )}
          {preview.row.sha256 && (
            <Typography.Paragraph style={{ color: '#595959' }}>
              SHA-256 {preview.row.sha256}
            </Typography.Paragraph>
          )}
        </Modal>
      )}
    </>
  );
}
