import { Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { publicBulletinHtml } from './public.api';

// One published plan's public bulletin, as anyone reads it: the API's HTML edition, whose texts
// the API escapes, read back here as text only. No markup of it reaches the page: the document is
// parsed (DOMParser runs no script and loads nothing), the blocks the renderer writes are taken
// by their tags, and React writes their text.
export function PublicBulletinPage() {
  const { id = '' } = useParams();
  // A page of its own per plan: another plan's bulletin never stays on screen under a refusal.
  return <Bulletin key={id} id={id} />;
}

function Bulletin({ id }: { id: string }) {
  const { tr } = useI18n();
  const bulletin = useApi(() => publicBulletinHtml(id), [id]);
  const blocks = useMemo(() => (bulletin.data ? bulletinBlocks(bulletin.data) : []), [bulletin.data]);
  return (
    <>
      <Link to="/public/bulletins">← {tr('全部公开通报', 'All public bulletins')}</Link>
      <RefusalAlert error={bulletin.error} />
      {bulletin.loading && !bulletin.data && (
        <Typography.Paragraph>{tr('加载中…', 'Loading…')}</Typography.Paragraph>
      )}
      <article style={{ marginTop: 16 }}>
        {blocks.map((b, i) => {
          switch (b.kind) {
            case 'title':
              return (
                <Typography.Title key={i} level={1} style={{ fontSize: 24 }}>
                  {b.text}
                </Typography.Title>
              );
            case 'heading':
              return (
                <Typography.Title key={i} level={2} style={{ fontSize: 20 }}>
                  {b.text}
                </Typography.Title>
              );
            case 'note':
              return (
                <Typography.Paragraph key={i} style={{ color: '#595959' }}>
                  {b.text}
                </Typography.Paragraph>
              );
            case 'paragraph':
              return <Typography.Paragraph key={i}>{b.text}</Typography.Paragraph>;
            case 'table':
              return (
                <Table<readonly string[]>
                  key={i}
                  size="small"
                  bordered
                  pagination={false}
                  style={{ marginBottom: 16 }}
                  rowKey={(_, r) => String(r)}
                  dataSource={b.rows as (readonly string[])[]}
                  columns={b.header.map((h, c) => ({
                    key: c,
                    title: h,
                    render: (_: unknown, row) => row[c],
                  }))}
                />
              );
          }
        })}
      </article>
    </>
  );
}

type Block =
  | { readonly kind: 'title' | 'heading' | 'paragraph' | 'note'; readonly text: string }
  | { readonly kind: 'table'; readonly header: string[]; readonly rows: string[][] };

// The blocks of libs/reporting's report document, from its HTML serialisation; anything else it
// might hold one day is shown as a paragraph of its text.
function bulletinBlocks(html: string): Block[] {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const text = (n: Element) => n.textContent ?? '';
  return [...body.children].map((el): Block => {
    switch (el.tagName) {
      case 'H1':
        return { kind: 'title', text: text(el) };
      case 'H2':
        return { kind: 'heading', text: text(el) };
      case 'P':
        return { kind: el.classList.contains('note') ? 'note' : 'paragraph', text: text(el) };
      case 'TABLE':
        return {
          kind: 'table',
          header: [...el.querySelectorAll('thead th')].map(text),
          rows: [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text)),
        };
      default:
        return { kind: 'paragraph', text: text(el) };
    }
  });
}
