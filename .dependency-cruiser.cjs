// The layers (DESIGN.md «Layers»): features/* (HTTP) and cli/ → app/ → sync/ (pure planning) →
// store/ (all SQL) → shared/. Imports point one way; no circles, type-only imports included.
const S = '^sync-service/src/';
const above = (...layers) => `${S}(${layers.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment: 'store/ holds all SQL and imports nothing above it.',
      from: { path: `${S}store/` },
      to: { path: above('sync', 'app', 'features', 'reports', 'cli', 'http', 'pull', 'demo', 'files') },
    },
    {
      name: 'child-and-turn-below-every-layer',
      severity: 'error',
      comment:
        "child/ (forking the service's child processes) and turn.ts serve every layer, the store included: they import nothing else of the service.",
      from: { path: `${S}(child/|turn\\.ts$)` },
      to: { path: S, pathNot: `${S}child/` },
    },
    {
      name: 'sync-is-pure-planning',
      severity: 'error',
      comment: 'The sync engine plans; it knows neither HTTP, the CLI nor the application services.',
      from: { path: `${S}sync/` },
      to: { path: above('app', 'features', 'reports', 'cli', 'http', 'pull', 'demo') },
    },
    {
      name: 'app-below-its-callers',
      severity: 'error',
      comment: 'Application services are called by HTTP features and the CLI, never the other way.',
      from: { path: `${S}app/` },
      to: { path: above('features', 'cli', 'http') },
    },
    {
      name: 'no-features-outside-http',
      severity: 'error',
      comment: 'pull/, demo/, cli/ and everything below go through app/, not the HTTP features.',
      from: { path: `${S}`, pathNot: `${S}(features/|http/|app\\.ts$|server\\.ts$|openapi\\.ts$)` },
      to: { path: `${S}features/` },
    },
    {
      name: 'cli-is-a-top',
      severity: 'error',
      comment: 'Nothing imports the CLI.',
      from: { path: `${S}`, pathNot: `${S}cli/` },
      to: { path: `${S}cli/` },
    },
    {
      name: 'core-has-no-io',
      severity: 'error',
      comment: 'The domain core is pure: no Node built-ins, no service or add-in code.',
      from: { path: '^shared/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-is-the-floor',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: { path: '^(sync-service|addon)/' },
    },
    {
      name: 'addon-apart-from-service',
      severity: 'error',
      from: { path: '^addon/src/' },
      to: { path: '^sync-service/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.tsbuild)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
