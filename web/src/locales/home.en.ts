// UI text of the leadership home page (English). home.zh-CN.ts mirrors these keys.
const homeEn = {
  pageTitle: 'Home',
  noPlan: 'There is no current plan yet.',
  where: {
    title: 'Where we stand',
    phase: 'Phase {{key}} · {{name}}',
    daysLeft_one: '{{count}} day left in phase {{key}}',
    daysLeft_other: '{{count}} days left in phase {{key}}',
    lastDay: 'Last day of phase {{key}}',
    noPhase: 'No phase is running today',
    progress: 'Days of the plan gone: {{day}} of {{length}}',
    openPlan: 'Open the plan',
  },
  gates: {
    title: 'Gates',
    count: '{{passed}} of {{total}} passed',
    none: 'No gates in this phase.',
    suggested: 'Suggested: {{status}}',
    due: 'Due {{date}}',
    overdue: 'Overdue',
  },
  due: {
    weekTitle: 'Due this week',
    weekRange: '{{from}} – {{to}}',
    overdueTitle: 'Overdue',
    noneThisWeek: 'Nothing due this week.',
    noneOverdue: 'Nothing overdue.',
    item: 'Phase {{key}} · due {{date}}',
    noOwner: 'No owner',
  },
  funnel: {
    title: 'Partner funnel',
    stages: 'Partners that reached each stage',
    targets: 'Phase targets',
    open: 'Open the funnel',
  },
  kpis: {
    title: 'KPIs',
    open: 'All metrics',
    none: 'No metrics defined yet.',
    noValue: 'No value yet',
    target: 'target {{target}}',
    met: 'Target met',
    missed: '{{gap}} to target',
    noTarget: 'No target',
    chart: '{{name}}, last {{weeks}} weeks: {{values}}',
    chartTarget: '{{name}}, last {{weeks}} weeks: {{values}}; target {{target}}',
    noValueShort: 'none',
  },
};

export default homeEn;
