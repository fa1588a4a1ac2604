// UI text for signing in, first run and roles (English). auth.zh-CN.ts mirrors it; user administration is in users.en.ts.
const authEn = {
  signIn: {
    title: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    failed: 'Email or password is not right.',
    throttled: 'Too many failed attempts. Wait a minute, then try again.',
    expired: 'Your session has ended. Sign in again to continue.',
    demoTitle: 'Demo accounts',
    demoHint: 'Demo mode: pick an account to sign in as that role. Nothing you do here is kept.',
    useAccount: 'Use',
  },
  signOut: 'Sign out',
  setup: {
    title: 'Create the first admin',
    intro: 'This console has no users yet. The first account is the admin, who adds everyone else.',
    name: 'Name',
    submit: 'Create admin and sign in',
  },
  setPassword: {
    title: 'Choose your password',
    submit: 'Set password',
    done: 'Password set. Sign in with it now.',
  },
  passwordHint: 'At least 12 characters; avoid common passwords.',
  role: { viewer: 'Viewer', sales: 'Sales', pm: 'PM', leadership: 'Leadership', admin: 'Admin' },
  forbidden: 'Your role does not allow this.',
};

export default authEn;
