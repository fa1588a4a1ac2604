// UI text of API tokens (English). tokens.zh-CN.ts mirrors these keys.
const tokensEn = {
  pageTitle: 'API tokens',
  intro: 'Every token. A service token acts as itself, with the role and scopes set here; people make personal ones on their profile. Shown once; only its hash is kept.',
  create: 'New token',
  name: 'Name',
  namePlaceholder: 'Website tracking job',
  prefix: 'Token',
  createdBy: 'Created by',
  lastUsed: 'Last used',
  never: 'Never',
  status: 'Status',
  active: 'Active',
  revoked: 'Revoked {{date}}',
  revoke: 'Revoke',
  revokeTitle: 'Revoke “{{name}}”?',
  revokeBody: 'Pushes with this token are refused from the next request on. This cannot be undone.',
  revokedDone: 'Revoked “{{name}}”',
  empty: 'No tokens yet.',
  createdTitle: 'Token “{{name}}”',
  shownOnce: 'Copy this token now. It is shown only once and cannot be shown again; if it is lost, revoke it and create a new one.',
  copy: 'Copy',
  copied: 'Copied',
  usage: 'Push values with it:',
  done: 'I have copied it',
};

export default tokensEn;
