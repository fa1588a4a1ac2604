// UI text of the command palette and the keyboard shortcuts: the i18next namespace `palette`, loaded with
// the keyboard layer after the first page renders (lib/i18n.ts). palette.zh-CN.ts mirrors these keys.
const paletteEn = {
  open: 'Command palette',
  openHint: 'Search and commands (Ctrl+K)',
  search: 'Go to a page, find anything by name, or run a command',
  empty: 'Nothing found',
  searching: 'Searching…',
  groups: { actions: 'On this page', pages: 'Pages', results: 'Found', general: 'Commands' },
  pages: { board: 'Partners board', table: 'Partners table', funnel: 'Funnel', review: 'This week’s review', reviews: 'Weekly reviews', metrics: 'Metrics', claims: 'Claims', evidence: 'Evidence', audit: 'Audit log', users: 'Users', tokens: 'API tokens' },
  kinds: { phase: 'Phase', deliverable: 'Deliverable', gate: 'Gate', partner: 'Partner', claim: 'Claim', evidence: 'Evidence', review: 'Review' },
  archived: 'archived',
  actions: {
    create: 'Create here: {{label}}',
    addDeliverable: 'Add deliverable',
    logActivity: 'Log partner activity',
    openReview: 'Open this week’s review',
    switchLanguage: '切换到中文 (Switch language to Chinese)',
    toggleDark: 'Toggle dark mode',
    help: 'Keyboard shortcuts',
    focusSearch: 'Search this page',
  },
  help: {
    title: 'Keyboard shortcuts',
    intro: 'Shortcuts work anywhere except while you type in a field.',
    palette: 'Open the command palette',
    home: 'Go to home',
    plan: 'Go to the plan',
    board: 'Go to the partners board',
    review: 'Go to this week’s review',
    create: 'Create on this page',
    search: 'Search this page',
    move: 'Next / previous item in a list or board',
    open: 'Open the selected item',
    close: 'Close a dialog or the palette',
    help: 'Show this help',
    then: 'then',
  },
};

export default paletteEn;
export type PaletteMessages = { [K in keyof typeof paletteEn]: (typeof paletteEn)[K] extends string ? string : { [L in keyof (typeof paletteEn)[K]]: string } };
