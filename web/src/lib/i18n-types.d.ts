import type en from '../locales/en';
import type notificationsEn from '../locales/notifications.en';
import type palette from '../locales/palette.en';
import type planDocument from '../locales/plan-document.en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The notification pages' strings are added when they load (features/notifications/messages.ts).
    resources: { translation: typeof en & { notifications: typeof notificationsEn }; planDocument: typeof planDocument; palette: typeof palette };
  }
}
