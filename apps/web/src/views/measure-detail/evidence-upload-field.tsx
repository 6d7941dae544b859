import { UploadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../../../libs/domain/src/evidence-kind';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';
import { uploadEvidence } from './measure-commands';

export interface ClaimEvidenceItem {
  readonly fileId: string;
  readonly name: string;
  readonly kind: EvidenceKind;
  readonly description: string;
}

export const EVIDENCE_KIND_NAMES: Record<EvidenceKind, [string, string]> = {
  document: ['文件材料', 'document'],
  photo: ['照片', 'photo'],
  data: ['数据', 'data'],
  site_visit: ['现场核查', 'site visit'],
  testimony: ['群众证言', 'testimony'],
  file: ['其他文件', 'file'],
};

// The files a completion claim cites: each uploaded at once (POST /evidence) for this measure,
// then described; the claim carries their ids and the API adds their sha-256.
export function EvidenceUploadField(props: {
  measureId: string;
  value?: readonly ClaimEvidenceItem[];
  onChange?: (items: ClaimEvidenceItem[]) => void;
  id?: string;
}) {
  const { tr } = useI18n();
  const items = props.value ?? [];
  const [error, setError] = useState<Error>();
  const [uploading, setUploading] = useState(0);
  // The list as last handed on: several uploads may finish before the form renders again.
  const latest = useRef(items);
  latest.current = items;
  const set = (next: ClaimEvidenceItem[]) => {
    latest.current = next;
    props.onChange?.(next);
  };

  return (
    <>
      <RefusalAlert error={error} />
      <Upload
        multiple
        showUploadList={false}
        accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx"
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File;
          setUploading((n) => n + 1);
          try {
            const uploaded = await uploadEvidence(props.measureId, f);
            setError(undefined);
            const kind: EvidenceKind = uploaded.contentType.startsWith('image/') ? 'photo' : 'document';
            set([
              ...latest.current,
              { fileId: uploaded.id, name: uploaded.name, kind, description: uploaded.name },
            ]);
            onSuccess?.(uploaded);
          } catch (e) {
            setError(e as Error);
            onError?.(e as Error);
          } finally {
            setUploading((n) => n - 1);
          }
        }}
      >
        <Button id={props.id} icon={<UploadOutlined />} loading={uploading > 0}>
          {tr('上传佐证材料', 'Upload evidence')}
        </Button>
      </Upload>
      <Typography.Paragraph style={{ marginTop: 8, color: '#595959' }}>
        {tr('PDF、图片（PNG/JPEG）、Word、Excel', 'PDF, images (PNG/JPEG), Word, Excel')}
      </Typography.Paragraph>
      <ul
        aria-label={tr('已上传的佐证材料', 'Uploaded evidence')}
        style={{ paddingLeft: 0, listStyle: 'none' }}
      >
        {items.map((item, i) => (
          <li key={item.fileId} style={{ marginBottom: 8 }}>
            <Space wrap>
              <Typography.Text strong>{item.name}</Typography.Text>
              <Select
                aria-label={`${tr('材料类型', 'Kind')} ${item.name}`}
                value={item.kind}
                style={{ width: 140 }}
                options={EVIDENCE_KINDS.map((k) => ({ value: k, label: tr(...EVIDENCE_KIND_NAMES[k]) }))}
                onChange={(kind) => set(items.map((it, j) => (j === i ? { ...it, kind } : it)))}
              />
              <Input
                aria-label={`${tr('说明', 'Description')} ${item.name}`}
                value={item.description}
                style={{ width: 260 }}
                onChange={(e) =>
                  set(items.map((it, j) => (j === i ? { ...it, description: e.target.value } : it)))
                }
              />
              <Button onClick={() => set(items.filter((_, j) => j !== i))}>{tr('移除', 'Remove')}</Button>
            </Space>
          </li>
        ))}
      </ul>
    </>
  );
}
