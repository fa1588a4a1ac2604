import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages } from '../../lib/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('app.language')}
      size="sm"
      w={108}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
      data={languages.map((l) => ({ value: l.code, label: l.label }))}
      data-testid="language-switch"
    />
  );
}
