import type { Messages } from './en';

// API 令牌的界面文字（简体中文），与 tokens.en.ts 的键一一对应。
const tokensZhCN: Messages['tokens'] = {
  pageTitle: 'API 令牌',
  intro: '所有令牌。服务令牌以自身身份、使用此处设定的角色和作用域操作；个人令牌由每个人在个人资料页创建。只显示一次；只保存其哈希。',
  create: '新建令牌',
  name: '名称',
  namePlaceholder: '官网埋点任务',
  prefix: '令牌',
  createdBy: '创建人',
  lastUsed: '最近使用',
  never: '从未',
  status: '状态',
  active: '有效',
  revoked: '已于 {{date}} 吊销',
  revoke: '吊销',
  revokeTitle: '吊销“{{name}}”？',
  revokeBody: '从下一个请求起，使用此令牌的推送将被拒绝。此操作无法撤销。',
  revokedDone: '已吊销“{{name}}”',
  empty: '还没有令牌。',
  createdTitle: '令牌“{{name}}”',
  shownOnce: '请立即复制此令牌。它只显示这一次，之后无法再次查看；如果丢失，请吊销后新建。',
  copy: '复制',
  copied: '已复制',
  usage: '用它推送数值：',
  done: '我已复制',
};

export default tokensZhCN;
