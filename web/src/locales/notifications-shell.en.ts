// What the header needs on every page: the bell and the Deliveries nav entry. The rest of the
// notification text loads with the panel and pages (features/notifications/messages.ts).
const notificationsShellEn = {
  bell: 'Notifications',
  bellUnread_one: 'Notifications: {{count}} unread',
  bellUnread_other: 'Notifications: {{count}} unread',
  deliveriesNav: 'Deliveries',
};

export default notificationsShellEn;
