import i18n from 'i18next';
import notificationsEn from '../../locales/notifications.en';

// The English notification strings travel with the panel and pages that show them, not with the first
// page (the bell needs only locales/notifications-shell.en.ts). Chinese is in its lazily loaded catalogue.
i18n.addResourceBundle('en', 'translation', { notifications: notificationsEn }, true, false);
