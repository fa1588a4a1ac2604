import type { Messages } from './en';

const notificationsShellZhCN: Messages['notifications'] = {
  bell: '通知',
  bellUnread_one: '通知：{{count}} 条未读',
  bellUnread_other: '通知：{{count}} 条未读',
  deliveriesNav: '投递记录',
};

export default notificationsShellZhCN;
