// ESLint (flat config): typescript-eslint's type-checked rules on the TypeScript, the recommended
// rules on the browser files. Run with `npm run lint`; .ci/run runs it before the tests.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The rules about values typed `any`. Off where `any` is the norm rather than a slip: supertest's
 * `response.body` in the tests (asserted with toMatchObject and toEqual), and the console's
 * browser JavaScript, which tsconfig.console.json checks with noImplicitAny off.
 */
const unsafeAnyOff = {
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-output/', 'bench/results/', 'data/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a parameter or binding kept on purpose (Express's four-argument
      // error handler, a destructured field left out of a rest object).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The moderation console's ES modules: type-checked by tsconfig.console.json (checkJs).
    files: ['src/console/assets/**/*.js'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { project: './tsconfig.console.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: unsafeAnyOff,
  },
  { files: ['test/**/*.ts'], rules: unsafeAnyOff },
  {
    // The embeddable widget: one classic script, no module, no types.
    files: ['src/widget/widget.js', 'src/widget/counts.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
    // Written as ES5 on purpose (var, function): a catch clause there must name its error.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['*.js', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
