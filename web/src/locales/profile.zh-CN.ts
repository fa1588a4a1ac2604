// 个人资料页与个人访问令牌的界面文字（简体中文），键与 profile.en.ts 一致。
import type profileEn from './profile.en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const profileZhCN: Shape<typeof profileEn> = {
  nav: '个人资料与令牌',
  pageTitle: '个人资料',
  role: '角色：{{role}}',
  service: {
    role: '使用的角色',
    roleHelp: '作用域会收窄该角色的权限。',
    scopes: '作用域',
    scope: {
      'metrics:write': '推送指标值',
      'gate-runs:write': '报告 CI 关卡运行',
      'evidence:write': '记录证据',
      read: '读取',
    },
  },
  tokens: {
    title: '个人访问令牌',
    intro:
      '令牌让脚本或智能体以你的身份通过 REST API（/api/v1）和 MCP 操作；其修改记录为“{{name}} 通过令牌 …”。只显示一次。',
    create: '新建令牌',
    name: '名称',
    namePlaceholder: '笔记本脚本',
    access: '权限',
    accessRead: '只读',
    accessReadWrite: '读写',
    role: '使用的角色',
    roleHelp: '你的角色，或查看者。',
    expiresOn: '最后有效日（可选）',
    expiresHelp: 'UTC；留空表示不过期。',
    prefix: '令牌',
    lastUsed: '最近使用',
    never: '从未',
    expires: '到期',
    noExpiry: '不过期',
    status: '状态',
    active: '有效',
    expired: '已过期',
    revoked: '已于 {{date}} 吊销',
    revoke: '吊销',
    revokeTitle: '吊销“{{name}}”？',
    revokeBody: '令牌立即永久失效。',
    revokedDone: '已吊销“{{name}}”',
    empty: '你还没有令牌。',
    createdTitle: '令牌“{{name}}”',
    shownOnce: '请现在复制：它只显示一次。',
    copy: '复制',
    copied: '已复制',
    usage: '试一试：',
    docs: '参考：/api/v1/reference',
    done: '我已复制',
  },
};

export default profileZhCN;
