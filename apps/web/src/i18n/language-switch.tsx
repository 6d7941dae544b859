import { Segmented } from 'antd';
import { Language, useI18n } from './i18n';

// 中文 | English, in every page's header.
export function LanguageSwitch() {
  const { tr, language, setLanguage } = useI18n();
  return (
    <Segmented
      aria-label={tr('语言', 'Language')}
      value={language}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(v) => setLanguage(v as Language)}
    />
  );
}
