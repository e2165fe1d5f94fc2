import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Boundaries from STYLE.md: who may import whom. ESLint does not merge the options of
 * one rule across config blocks (the last block matching a file wins), so each block
 * lists every group that applies to its files.
 */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const both = (...dirs) => dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]);

/** Prisma is the store's: store/ and db/ (which creates the client and migrates) import it, nothing else. */
const PRISMA = {
  group: ['@prisma/*', ...both('generated')],
  message:
    'Only store/ (and db/) import Prisma: call store functions, open transactions with store/db.ts transaction().',
};
const SERVICES_OUT = {
  group: ['express', 'pg', ...both('http')],
  message: 'Services are use-cases on plain data: no express, no http/, no database driver.',
};
const ENGINE_OUT = {
  group: ['express', 'pg', ...both('services', 'executor', 'adapters', 'store', 'http', 'db')],
  message: 'The engine is pure: it reaches the world through its ports.',
};

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
    rules: restrict({
      group: ['@autonomic/server', '**/server/**', 'express', '@prisma/*', 'react', 'react-dom', 'node:*'],
      message: 'workflow/ is pure and shared: zod and small pure libraries only.',
    }),
  },
  {
    files: ['server/src/**'],
    ignores: ['server/src/store/**', 'server/src/db/**'],
    rules: restrict(PRISMA),
  },
  {
    files: ['server/src/services/**'],
    rules: {
      ...restrict(PRISMA, SERVICES_OUT),
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^\\$/]',
          message:
            'Services reach the database through store/ functions; transactions through store/db.ts transaction().',
        },
        {
          selector: "MemberExpression[object.name=/^(prisma|tx)$/], MemberExpression[object.property.name='prisma']",
          message: 'Services pass the database handle to store/ functions; they do not query it.',
        },
      ],
    },
  },
  {
    files: ['server/src/engine/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      ...restrict(PRISMA, ENGINE_OUT),
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['api/src/**'],
    rules: restrict(
      {
        regex: '^(?!zod(/|$)|@autonomic/workflow(/|$)|\\.\\.?/)',
        message: 'api/ is the contract both sides import: zod and @autonomic/workflow only.',
      },
      {
        group: ['**/server/**', '**/client/**'],
        message: 'api/ is imported by server/ and client/, never the other way round.',
      },
    ),
  },
  {
    files: ['client/src/**'],
    rules: restrict({
      group: ['@autonomic/server', '**/server/**'],
      message: 'The client imports workflow/, never server/.',
    }),
  },
);
