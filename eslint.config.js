import js from '@eslint/js'
import perfectionist from 'eslint-plugin-perfectionist'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '**/.next/',
      'data/',
      'test/.data/',
      'cms/payload-types.ts',
      'cms/migrations/',
      '**/importMap.js',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { perfectionist },
    rules: {
      // Imports sorted with perfectionist, as Payload's own config does: types before values, each as packages, this package, relative paths.
      'perfectionist/sort-imports': [
        'error',
        {
          type: 'natural',
          order: 'asc',
          groups: [
            ['type-builtin', 'type-external'],
            'type-internal',
            ['type-parent', 'type-sibling', 'type-index'],
            ['value-builtin', 'value-external'],
            'value-internal',
            ['value-parent', 'value-sibling', 'value-index'],
            'unknown',
          ],
          internalPattern: ['^payload-soundtrack-reviews($|/)'],
          newlinesBetween: 1,
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  {
    files: ['cms/**', 'scripts/**', 'test/**', 'examples/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
)
