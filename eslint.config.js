// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeIo = ['fs', 'fs/promises', 'net', 'http', 'https', 'child_process', 'worker_threads', 'dgram', 'dns', 'tls', 'os', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'coverage/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are how Russian messages are built (counts, seconds).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The analysis core is pure: no I/O, no logging, nothing from the outer layers.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/data/**', '**/importers/**', '**/services/**', '**/cli/**', '**/server/**', '**/audio/**', '**/asr/**', '**/integrations/**', '**/lib/**'], message: 'The analysis core imports nothing from the outer layers.' },
          { group: ['pino', 'kysely', 'better-sqlite3', 'pg', 'hono', 'az'], message: 'The analysis core does no I/O and does not log.' },
        ],
        paths: [...nodeIo, ...nodeIo.map((name) => `node:${name}`)].map((name) => ({ name, message: 'The analysis core does no I/O.' })),
      }],
    },
  },
  {
    // The web UI: React hook rules on top of the type-aware rules; its own tsconfig has the DOM and JSX.
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // The CLI is the one place that writes to the terminal.
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', console: 'readonly' } },
  },
);
