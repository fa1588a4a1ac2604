// 通知：铃铛、收件箱与偏好设置。
import type notificationsEn from './notifications.en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const notificationsZhCN: Shape<typeof notificationsEn> = {
  title: '通知',
  empty: '暂无新通知。有需要你处理的事情时会显示在这里。',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  markedAllRead: '已全部标为已读',
  seeAll: '查看全部通知',
  unreadOnly: '只看未读',
  loadMore: '显示更早的',
  by: '来自 {{name}}',
  nav: '通知',
  settings: '通知设置',
  kind: {
    actionItemAssigned: '{{actorName}} 给你分配了行动项：{{title}}',
    partnerAssigned: '{{actorName}} 把 {{company}} 交给你负责',
    partnerChanged: '{{company}} 从 {{from}} 进入 {{to}}',
    gateChanged: {
      status: 'Gate “{{title}}” 现为 {{to}}',
      decision: 'Gate “{{title}}”：决定 {{decision}}，现为 {{to}}',
      criterion: 'Gate “{{title}}” 的一项标准现为 {{to}}',
    },
    evidenceBroken: '你添加的证据 “{{title}}” 链接失效',
    claimChanged: '对外声明 “{{statement}}” 现为 {{to}}',
  },
  criterion: { met: '已达成', unmet: '未达成' },
  kindName: {
    actionItemAssigned: '分配给我的行动项',
    partnerAssigned: '交给我负责的伙伴',
    partnerChanged: '我负责或关注的伙伴阶段变化',
    gateChanged: '我负责或关注的 Gate 变化',
    evidenceBroken: '我添加的证据失效',
    claimChanged: '我起草或关注的对外声明变化',
  },
  channel: { inapp: '控制台内', email: '邮件' },
  preferencesIntro: '选择每类变化通过哪些渠道通知你。服务器配置了邮件时才提供邮件。',
  emailOff: '此服务器未配置邮件。',
  mailLanguage: '邮件语言',
  saved: '已保存',
  deliveries: {
    title: '投递记录',
    intro: '正在发出的通知，最新的在前：每个渠道的尝试次数和最近的错误。已放弃的可以重试。',
    adminOnly: '只有管理员可以查看投递记录。',
    empty: '没有符合条件的投递。',
    created: '创建时间',
    channel: '渠道',
    event: '事件',
    status: '状态',
    attempts: '尝试次数',
    lastError: '最近的错误',
    next: '下次尝试 {{at}}',
    retryNow: '立即重试',
    queued: '将立即重试',
    notQueued: '无需重试：已经发出',
    statuses: { PENDING: '待发送', RETRYING: '重试中', SENT: '已发送', DEAD: '已放弃' },
  },
  follow: '关注',
  following: '已关注',
  followHint: '接收它的变化通知',
  unfollowed: '已取消关注',
  followed: '已关注',
};

export default notificationsZhCN;
