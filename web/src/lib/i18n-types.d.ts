import type en from '../locales/en';
import type palette from '../locales/palette.en';
import type planDocument from '../locales/plan-document.en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en; planDocument: typeof planDocument; palette: typeof palette };
  }
}
