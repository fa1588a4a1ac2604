// 个人资料页与个人访问令牌的界面文字（简体中文），键与 profile.en.ts 一致。
import type profileEn from './profile.en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const profileZhCN: Shape<typeof profileEn> = {
  nav: '个人资料与令牌',
  pageTitle: '个人资料',
  role: '角色：{{role}}',
  service: {
    role: '使用的角色',
    roleHelp: '它拥有该角色的权限；作用域会进一步收窄。',
    scopes: '作用域',
    scope: {
      'metrics:write': '推送每周指标值（POST /api/metrics/values）',
      'gate-runs:write': '报告 CI 关卡运行（POST /api/v1/gate-runs）',
      'evidence:write': '记录发布证据、制品和报告（POST /api/v1/evidence）',
      read: '读取其角色可读的一切（REST、MCP）',
    },
  },
  tokens: {
    title: '个人访问令牌',
    intro:
      '个人令牌让脚本、流水线或智能体以你的身份（使用你的角色或更窄的角色）通过 REST API（/api/v1）和 MCP 操作。它做的每一项修改都记录为“{{name}} 通过令牌 <名称>”。令牌只显示一次，控制台只保存其哈希。',
    create: '新建令牌',
    name: '名称',
    namePlaceholder: '笔记本脚本',
    access: '权限',
    accessRead: '只读',
    accessReadWrite: '读写',
    role: '使用的角色',
    roleHelp: '你自己的角色，或只读的查看者。',
    expiresOn: '最后有效日（可选）',
    expiresHelp: '过了这一天（UTC）令牌即失效。留空表示不过期。',
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
    revokeBody: '从下一次请求起，使用此令牌的请求都会被拒绝。此操作无法撤销。',
    revokedDone: '已吊销“{{name}}”',
    empty: '你还没有令牌。',
    createdTitle: '令牌“{{name}}”',
    shownOnce: '请现在复制此令牌。它只显示一次；如果丢失，请吊销后重新创建。',
    copy: '复制',
    copied: '已复制',
    usage: '试一试：',
    docs: 'API 参考位于 /api/v1/openapi.json；docs/integrations.md 中有 CI 示例。',
    done: '我已复制',
  },
};

export default profileZhCN;
