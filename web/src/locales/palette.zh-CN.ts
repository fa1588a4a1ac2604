// 命令面板与键盘快捷键的界面文字。键与 palette.en.ts 一致。
import type { PaletteMessages } from './palette.en';

const paletteZhCN: PaletteMessages = {
  open: '命令面板',
  openHint: '搜索与命令（Ctrl+K）',
  search: '前往页面、按名称查找任何内容或执行命令',
  empty: '未找到结果',
  searching: '正在搜索…',
  groups: { actions: '本页操作', pages: '页面', results: '搜索结果', general: '命令' },
  pages: { board: '合作伙伴看板', table: '合作伙伴列表', funnel: '漏斗', review: '本周评审', reviews: '每周评审', metrics: '指标', claims: '对外声明', evidence: '证据', audit: '审计日志', users: '用户', tokens: 'API 令牌' },
  kinds: { phase: '阶段', deliverable: '交付', gate: 'Gate', partner: '合作伙伴', claim: '声明', evidence: '证据', review: '评审' },
  archived: '已归档',
  actions: {
    create: '在本页新建：{{label}}',
    addDeliverable: '添加交付',
    logActivity: '记录合作伙伴动态',
    openReview: '打开本周评审',
    switchLanguage: 'Switch to English（切换语言为英文）',
    toggleDark: '切换深色模式',
    help: '键盘快捷键',
    focusSearch: '搜索本页',
  },
  help: {
    title: '键盘快捷键',
    intro: '除在输入框中输入时外，快捷键在任何地方都可用。',
    palette: '打开命令面板',
    home: '前往首页',
    plan: '前往计划',
    board: '前往合作伙伴看板',
    review: '前往本周评审',
    create: '在本页新建',
    search: '搜索本页',
    move: '列表或看板中的下一项 / 上一项',
    open: '打开所选项',
    close: '关闭对话框或命令面板',
    help: '显示此帮助',
    then: '然后',
  },
};

export default paletteZhCN;
