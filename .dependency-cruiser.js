/**
 * Layer boundaries and import cycles of src/, checked by dependency-cruiser (`npm run lint` runs
 * `depcruise --config .dependency-cruiser.js src`). The layers are described in docs/architecture.md,
 * "Layers": dependencies point inward, domain is pure, adapters implement ports. src/main.ts, src/cli/ and
 * src/sandbox/ are composition roots and tools: they may import anything, so no rule starts from them
 * (except the cycle rule, which covers all of src/).
 *
 * Type-only imports (`import type`) count like any other import (`tsPreCompilationDeps: true`): a
 * layer that needs another layer's types depends on it, and a cycle through types is still a cycle.
 */

/** npm packages: allowed wherever the layer allows outside code. */
const npm = '^node_modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'src/domain is pure: it imports only src/domain/ and npm packages (docs/architecture.md, "Layers").',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', npm], dependencyTypesNot: ['core'], couldNotResolve: false },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      comment: 'src/domain does no I/O: no node: builtins (pass what it needs in as data).',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-imports-app-domain-ports',
      severity: 'error',
      comment:
        'src/app orchestrates domain and ports; it reaches adapters only through the interfaces in src/ports.ts.',
      from: { path: '^src/app/' },
      to: {
        pathNot: ['^src/app/', '^src/domain/', '^src/ports\\.ts$', npm],
        dependencyTypesNot: ['core'],
        couldNotResolve: false,
      },
    },
    {
      name: 'ports-import-only-domain',
      severity: 'error',
      comment: 'src/ports.ts is small interfaces over domain types; it imports only src/domain/.',
      from: { path: '^src/ports\\.ts$' },
      to: { pathNot: ['^src/domain/'], couldNotResolve: false },
    },
    {
      name: 'adapters-not-to-app',
      severity: 'error',
      comment: 'Adapters implement ports; the types they share with src/app belong in src/ports.ts or src/domain.',
      from: { path: '^src/adapters/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'sim-not-to-bot',
      severity: 'error',
      comment: 'The simulated VSP stands alone: no bot use-cases, no Slack, no store.',
      from: { path: '^src/sim/' },
      to: { path: ['^src/app/', '^src/adapters/slack/', '^src/adapters/store/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles in src/, type-only imports included: move the shared part to its own file.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import the cruiser cannot resolve would slip past every rule above (for example if `.ts` ' +
        'extensions stopped resolving), so it is an error of its own (the layer rules leave it to this one).',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Imports carry their `.ts` extension (allowImportingTsExtensions); the resolver finds those files as
    // written, and this list covers extension-less specifiers should any appear.
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
