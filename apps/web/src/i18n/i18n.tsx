import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';

// zh-CN first, English switchable; the choice is kept in the browser. Each screen writes its
// words in both languages next to each other (`tr('计划', 'Plans')`), so a screen is read and
// changed in one place and no key can be missing in one language.
export type Language = 'zh' | 'en';

interface I18n {
  readonly language: Language;
  setLanguage(l: Language): void;
  tr(zh: string, en: string): string;
}

const STORAGE_KEY = 'rectify.language';
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh',
  );
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLanguageState(l);
  }, []);
  const tr = useCallback((zh: string, en: string) => (language === 'zh' ? zh : en), [language]);
  const value = useMemo(() => ({ language, setLanguage, tr }), [language, setLanguage, tr]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
