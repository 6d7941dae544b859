import { Button, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';

// How fresh what a screen shows is, from useApi: the time of the last answer, and when the last
// refresh failed, that the data shown is from then. Grey enough to stay quiet, dark enough for
// 4.5:1 contrast on white.
export function UpdatedAt(props: {
  at: Date | undefined;
  loading?: boolean;
  error?: Error;
  onReload?: () => void;
}) {
  const { tr } = useI18n();
  if (!props.at) return null;
  const time = clockTime(props.at);
  return (
    <Space size={4} data-testid="updated-at">
      <Typography.Text style={{ color: props.error ? '#a8071a' : '#595959', fontSize: 12 }}>
        {props.error
          ? tr('刷新失败，显示的是', 'Refresh failed; showing data of')
          : tr('更新于', 'Updated at')}{' '}
        <time dateTime={props.at.toISOString()}>{time}</time>
      </Typography.Text>
      {props.onReload && (
        <Button
          size="small"
          type="text"
          icon={<ReloadOutlined />}
          loading={props.loading}
          aria-label={tr('刷新', 'Refresh')}
          onClick={props.onReload}
        />
      )}
    </Space>
  );
}

// HH:mm:ss in the browser's own time zone: when the reader's screen last heard from the server.
function clockTime(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
