// 领导首页的界面文字（中文），与 home.en.ts 的键一一对应。
import type { Messages } from './en';

const homeZhCN: Messages['home'] = {
  pageTitle: '首页',
  noPlan: '还没有当前计划。',
  where: {
    title: '当前进展',
    phase: '阶段 {{key}} · {{name}}',
    daysLeft_one: '阶段 {{key}} 还剩 {{count}} 天',
    daysLeft_other: '阶段 {{key}} 还剩 {{count}} 天',
    lastDay: '阶段 {{key}} 的最后一天',
    noPhase: '今天不在任何阶段内',
    progress: '计划已过 {{day}} / {{length}} 天',
    openPlan: '打开计划',
  },
  gates: {
    title: '关口',
    count: '已通过 {{passed}} / {{total}}',
    none: '此阶段没有关口。',
    suggested: '建议：{{status}}',
    due: '{{date}} 到期',
    overdue: '已逾期',
  },
  due: {
    weekTitle: '本周到期',
    weekRange: '{{from}} – {{to}}',
    overdueTitle: '已逾期',
    noneThisWeek: '本周没有到期的交付物。',
    noneOverdue: '没有逾期的交付物。',
    item: '阶段 {{key}} · {{date}} 到期',
    noOwner: '无负责人',
  },
  funnel: {
    title: '合作伙伴漏斗',
    stages: '到达各阶段的合作伙伴',
    targets: '阶段目标',
    open: '打开漏斗',
  },
  kpis: {
    title: '关键指标',
    open: '全部指标',
    none: '还没有定义指标。',
    noValue: '暂无数值',
    target: '目标 {{target}}',
    met: '已达标',
    missed: '距目标 {{gap}}',
    noTarget: '无目标',
    chart: '{{name}}，最近 {{weeks}} 周：{{values}}',
    chartTarget: '{{name}}，最近 {{weeks}} 周：{{values}}；目标 {{target}}',
    noValueShort: '无',
  },
};

export default homeZhCN;
