import type { Messages } from './en';

const authZhCN: Messages['auth'] = {
  signIn: {
    title: '登录',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    failed: '邮箱或密码不正确。',
    throttled: '失败次数过多，请等待一分钟后再试。',
    expired: '会话已结束，请重新登录以继续。',
    demoTitle: '演示账号',
    demoHint: '演示模式：选择一个账号，以该角色登录。这里的操作不会保留。',
    useAccount: '使用',
  },
  signOut: '退出登录',
  setup: {
    title: '创建首个管理员',
    intro: '此控制台还没有用户。第一个账号是管理员，由其添加其他人。',
    name: '姓名',
    submit: '创建管理员并登录',
  },
  setPassword: {
    title: '设置你的密码',
    submit: '设置密码',
    done: '密码已设置，请用它登录。',
  },
  passwordHint: '至少 12 个字符，避免常见密码。',
  role: { viewer: '查看者', sales: '销售', pm: '产品经理', leadership: '管理层', admin: '管理员' },
  forbidden: '你的角色不允许此操作。',
};

export default authZhCN;
