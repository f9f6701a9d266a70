import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'test-results/', 'coverage/', '.sim/', 'tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    // Domain code must stay pure: no I/O, no clock, no randomness (docs/architecture.md, "Layers").
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // `**/` so a specifier matches at any depth (`../../adapters/ssh/x.ts` as well as `../app/x.ts`).
          // .dependency-cruiser.js checks the same boundary on resolved paths, type-only imports included.
          patterns: [
            {
              group: ['node:*', '**/adapters/**', '**/app/**', '**/sim/**', '**/sandbox/**', '**/cli/**'],
              message: 'src/domain is pure: no I/O, no adapters (docs/architecture.md, "Layers").',
            },
            {
              regex: String.raw`^(\.\./)+(ports|config|main)\.ts$`,
              message: 'src/domain imports only src/domain; ports, config and main depend on it, not the reverse.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the time in; the domain has no clock.' },
        { object: 'Math', property: 'random', message: 'The domain is deterministic.' },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['bin/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  prettier,
);
