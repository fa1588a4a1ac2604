import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from './i18n';

const dayjsLocale = (lng: string) => (lng.startsWith('zh') ? 'zh-cn' : 'en');

/** A calendar date ('YYYY-MM-DD') in the reader's language: "Mar 25, 2026" / "2026年3月25日". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso).locale(dayjsLocale(i18n.language));
  return i18n.language.startsWith('zh') ? d.format('YYYY年M月D日') : d.format('MMM D, YYYY');
}

export function formatShortDate(iso: string): string {
  const d = dayjs(iso).locale(dayjsLocale(i18n.language));
  return i18n.language.startsWith('zh') ? d.format('M月D日') : d.format('MMM D');
}

export { dayjsLocale };

/** Today in the reader's time zone, as 'YYYY-MM-DD'. */
export function localToday(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** A moment (ISO timestamp) in the reader's language and time zone: "Mar 25, 2026, 14:05" / "2026年3月25日 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso).locale(dayjsLocale(i18n.language));
  return i18n.language.startsWith('zh') ? d.format('YYYY年M月D日 HH:mm') : d.format('MMM D, YYYY, HH:mm');
}
