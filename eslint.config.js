import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Boundaries from STYLE.md: who may import whom. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'server/src/generated/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['workflow/src/**'],
    rules: restrict([
      {
        group: ['@autonomic/server', '**/server/**', 'express', '@prisma/*', 'react', 'react-dom', 'node:*'],
        message: 'workflow/ is pure and shared: zod and small pure libraries only.',
      },
    ]),
  },
  {
    files: ['server/src/engine/**'],
    rules: restrict([
      {
        group: ['express', '@prisma/*', 'pg', '**/generated/**', '**/store/**', '**/http/**'],
        message: 'The engine is pure: it reaches the world through its ports.',
      },
    ]),
  },
  {
    files: ['client/src/**'],
    rules: restrict([
      { group: ['@autonomic/server', '**/server/**'], message: 'The client imports workflow/, never server/.' },
    ]),
  },
);
