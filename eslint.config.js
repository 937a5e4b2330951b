import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // src/action is the only place that may import @actions/core.
    files: ['src/**/*.ts'],
    ignores: ['src/action/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@actions/core', message: 'Only src/action/ may import @actions/core.' }] },
      ],
    },
  },
  {
    files: ['src/standards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*', 'undici', 'node:fs*', 'fs', 'node:net', 'node:http*'],
              message: 'src/standards is pure: no I/O.',
            },
            {
              group: [
                '../index/*',
                '../resolver/*',
                '../provider/*',
                '../cache/*',
                '../download/*',
                '../action/*',
                '../cli/*',
              ],
              message: 'imports point only downward',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/flow/**/*.ts',
      'src/cache/**/*.ts',
      'src/download/**/*.ts',
      'src/provider/**/*.ts',
      'src/index/**/*.ts',
    ],
    ignores: ['src/flow/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@actions/core', message: 'Only src/action/ may import @actions/core.' }],
          patterns: [
            { group: ['../flow/*', '../action/*', '../cli/*'], message: 'imports point only downward' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/flow/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@actions/core', message: 'Only src/action/ may import @actions/core.' }],
          patterns: [{ group: ['../action/*', '../cli/*'], message: 'imports point only downward' }],
        },
      ],
    },
  },
  {
    files: ['src/resolver/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../standards/*', '../index/*', '../provider/*', '@renovatebot/*'],
              message: 'the resolver core has no packaging imports',
            },
          ],
        },
      ],
    },
  },
);
