// ESLint flat config for the whole monorepo (`pnpm lint` = `eslint .` from the root).
//
// Besides the usual TypeScript / React-hooks checks it enforces the import direction of the
// architecture with eslint-plugin-boundaries (v7 syntax: `boundaries/elements` classify folders,
// `boundaries/files` classify single files, `boundaries/dependencies` holds the policies):
//
//   web:    routes → features → components → lib      (features never import each other)
//   server: *.router.ts → *.service.ts → *.rules.ts → *.schema.ts (schemas: zod + schemas + *.enums.ts value lists)
//   web → server: only `*.schema.ts`, `*.enums.ts` (zod-free value lists), `modules/users/rights.ts` (who may
//           do what, decision 026), and `server/src/router.ts` as `import type`.
//
// Debug a classification with ESLINT_PLUGIN_BOUNDARIES_DEBUG=1 npx eslint <file>.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const rootPath = fileURLToPath(new URL('.', import.meta.url));
const tsResolver = fileURLToPath(new URL('./eslint.resolver.cjs', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Selectors shared by the policies below.
const el = (type, extra = {}) => ({ element: { type, ...extra } });
const file = (categories) => ({ file: { categories } });

const WEB = ['web-app', 'web-routes', 'web-feature', 'web-components', 'web-lib', 'web-locales'];
const SERVER_ANY = [
  'server-core',
  'server-modules',
  'server-lib',
  'server-db',
  'server-auth',
  'server-generated',
  'server-scripts',
  'server-test',
  'server-demo',
].map((t) => el(t));

/** @type {import('eslint-plugin-boundaries').Config['settings']} */
const boundariesSettings = {
  'boundaries/root-path': rootPath,
  // Resolve imports the way tsc does (NodeNext `.js` → `.ts`, bundler resolution, tsconfig paths);
  // fall back to the node resolver for anything TypeScript cannot place.
  'import/resolver': { [tsResolver]: {}, node: {} },
  'boundaries/include': ['web/src/**/*', 'server/src/**/*'],
  // Elements are folders (first matching descriptor wins, most specific first).
  'boundaries/elements': [
    { type: 'web-routes', pattern: 'web/src/routes', partialMatch: false },
    { type: 'web-feature', pattern: 'web/src/features/*', partialMatch: false, capture: ['feature'] },
    { type: 'web-components', pattern: 'web/src/components', partialMatch: false },
    { type: 'web-lib', pattern: 'web/src/lib', partialMatch: false },
    // Translation catalogues: plain data, importable from every web layer.
    { type: 'web-locales', pattern: 'web/src/locales', partialMatch: false },
    // main.tsx, router.tsx, routeTree.gen.ts, i18n setup ...: the composition root of the web app.
    { type: 'web-app', pattern: 'web/src', partialMatch: false },

    { type: 'server-modules', pattern: 'server/src/modules/*', partialMatch: false, capture: ['module'] },
    { type: 'server-lib', pattern: 'server/src/lib', partialMatch: false },
    { type: 'server-db', pattern: 'server/src/db', partialMatch: false },
    { type: 'server-auth', pattern: 'server/src/auth', partialMatch: false },
    { type: 'server-generated', pattern: 'server/src/generated', partialMatch: false },
    { type: 'server-scripts', pattern: 'server/src/scripts', partialMatch: false },
    { type: 'server-test', pattern: 'server/src/test', partialMatch: false },
    // Demo mode's fixtures (DEMO=true): written through the services, wired by main.ts only.
    { type: 'server-demo', pattern: 'server/src/demo', partialMatch: false },
    // app.ts, main.ts, context.ts, trpc.ts, env.ts, router.ts: server composition root.
    { type: 'server-core', pattern: 'server/src', partialMatch: false },
  ],
  // File categories cut across elements: the server layers live side by side in one module folder.
  'boundaries/files': [
    { category: 'test', pattern: ['**/*.test.ts', '**/*.test.tsx', 'server/src/test/**'] },
    { category: 'router', pattern: 'server/src/modules/**/*.router.ts' },
    { category: 'service', pattern: 'server/src/modules/**/*.service.ts' },
    { category: 'rules', pattern: 'server/src/modules/**/*.rules.ts' },
    { category: 'schema', pattern: 'server/src/**/*.schema.ts' },
    // A domain's fixed value lists, without zod, so the web's first page needn't load zod (decision 015).
    { category: 'enums', pattern: 'server/src/modules/**/*.enums.ts' },
    // Who may do what (decision 026): zod-free, read by roleProcedure, the rules and the web's can().
    { category: 'rights', pattern: 'server/src/modules/users/rights.ts' },
    { category: 'app-router', pattern: 'server/src/router.ts' },
    // How the console writes and reads CSV (formula escaping), the same in the browser and the server.
    { category: 'csv', pattern: 'server/src/lib/csv.ts' },
    { category: 'trpc', pattern: 'server/src/trpc.ts' },
    { category: 'context', pattern: 'server/src/context.ts' },
  ],
};

// Policies are evaluated in order; a later matching policy overrides an earlier one.
const boundariesPolicies = [
  // ---- web ------------------------------------------------------------------------------------
  // The composition root (main.tsx, router.tsx, routeTree.gen.ts) may wire anything in the web.
  { from: el('web-app'), allow: { to: WEB.map((t) => el(t)) } },
  { from: el('web-routes'), allow: { to: ['web-routes', 'web-feature', 'web-components', 'web-lib'].map((t) => el(t)) } },
  // A feature sees its own files, components and lib — never routes, never another feature.
  {
    from: el('web-feature'),
    allow: {
      to: [
        el('web-feature', { captured: { feature: '{{ from.element.captured.feature }}' } }),
        el('web-components'),
        el('web-lib'),
      ],
    },
  },
  { from: el('web-components'), allow: { to: [el('web-components'), el('web-lib')] } },
  { from: el('web-lib'), allow: { to: el('web-lib') } },
  { from: WEB.map((t) => el(t)), allow: { to: el('web-locales') } },
  // Web → server: schema files (zod, shared with forms), value lists, rights, the CSV format, and the AppRouter *type* only.
  { from: WEB.map((t) => el(t)), allow: { to: [file('schema'), file('enums'), file('rights'), file('csv')] } },
  { from: WEB.map((t) => el(t)), allow: { to: file('app-router'), dependency: { kind: 'type' } } },

  // ---- server ---------------------------------------------------------------------------------
  // Composition root, scripts and test helpers may use anything on the server.
  { from: [el('server-core'), el('server-scripts'), el('server-test')], allow: { to: SERVER_ANY } },
  { from: el('server-lib'), allow: { to: el('server-lib') } },
  { from: el('server-db'), allow: { to: [el('server-db'), el('server-lib'), el('server-generated')] } },
  // router → services, schemas, rules (+ the tRPC builder in trpc.ts, lib helpers).
  {
    from: file('router'),
    allow: { to: [file('service'), file('schema'), file('rules'), file('rights'), file('trpc'), el('server-lib')] },
  },
  // service → rules, schemas, other services, lib (lib/paths.ts too, for seed.service.ts, which reads
  // prisma/seed/), db (db/ and the generated Prisma client).
  {
    from: file('service'),
    allow: {
      to: [
        file('service'),
        file('rules'),
        file('schema'),
        file('rights'),
        el('server-lib'),
        el('server-db'),
        el('server-generated'),
      ],
    },
  },
  // Services take the acting user (`Actor`, for the audit trail) as a type from context.ts, and the
  // Better Auth instance's type from auth/.
  { from: file('service'), allow: { to: [file('context'), el('server-auth')], dependency: { kind: 'type' } } },
  // auth/ configures Better Auth: it may use the database, lib, and the users module's rules and schema.
  {
    from: el('server-auth'),
    allow: { to: [el('server-auth'), el('server-db'), el('server-lib'), el('server-generated'), file('rules'), file('schema'), file('service'), file('context')] },
  },
  // Demo fixtures go through the services like any caller; auth/ only for the Better Auth type.
  { from: el('server-demo'), allow: { to: [el('server-demo'), file('service'), file('rules'), file('schema'), el('server-lib'), el('server-db')] } },
  { from: el('server-demo'), allow: { to: el('server-auth'), dependency: { kind: 'type' } } },
  // rules → schemas, other rules, lib. Pure functions: no db, no services.
  { from: file('rules'), allow: { to: [file('rules'), file('schema'), file('rights'), el('server-lib')] } },
  // rights → the Role type only: the module stays free of zod at run time.
  { from: file('rights'), allow: { to: file('schema'), dependency: { kind: 'type' } } },
  // schema → other schemas and value lists (externals other than zod are checked in the schema block below).
  { from: file('schema'), allow: { to: [file('schema'), file('enums')] } },
  // Tests may reach into anything they exercise...
  { from: file('test'), allow: { to: SERVER_ANY } },
  // ...but only server/src/router.ts may import a module router.
  { from: { file: { path: '!server/src/router.ts' } }, disallow: { to: file('router') } },
];

export default defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/node_modules/**',
    'server/src/generated/**',
    'web/src/routeTree.gen.ts',
    'e2e/test-results/**',
    '**/playwright-report/**',
    'e2e/.auth/**',
    'data/**',
    '.data*/**',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Node-side code: server, e2e, root scripts and config files.
  {
    files: ['server/**/*.{ts,js,mjs}', 'e2e/**/*.{ts,js,mjs}', 'scripts/**/*.{js,mjs,ts}', '*.{js,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  // Playwright fixtures declare the fixtures they depend on by destructuring, even when that is none.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Browser-side code (the web's own config files, e.g. vite.config.ts, run in Node).
  {
    files: ['web/**/*.{ts,tsx,js,jsx}'],
    ignores: ['web/*.config.{ts,js,mjs}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['web/*.config.{ts,js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // Architecture boundaries (web/src and server/src only).
  {
    files: ['web/src/**/*.{ts,tsx}', 'server/src/**/*.ts'],
    plugins: { boundaries },
    settings: boundariesSettings,
    rules: {
      'boundaries/dependencies': [
        'error',
        { default: 'disallow', checkInternals: true, policies: boundariesPolicies },
      ],
    },
  },
  // Schema files: only zod and other schema files — externals and node: built-ins are checked too.
  {
    files: ['server/src/**/*.schema.ts'],
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkInternals: true,
          checkAllOrigins: true,
          policies: [
            { from: file('schema'), allow: { to: [file('schema'), file('enums')] } },
            { from: file('schema'), allow: { to: { module: { origin: 'external', source: 'zod' } } } },
          ],
          message: 'A *.schema.ts file may import only zod, other *.schema.ts files and *.enums.ts value lists.',
        },
      ],
    },
  },
);
