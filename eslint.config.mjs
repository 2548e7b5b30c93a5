// ESLint 9 flat config. Rules that catch real defects only: formatting is not linted (no Prettier rules).
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'coverage/**', 'node_modules/**', 'test-results/**'],
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_`-prefixed names are deliberate placeholders (unused parameters of an interface method, for example).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Office.js mistakes that only show up inside Excel: reading a proxy object before load()/sync(), a sync()
    // per loop iteration, the old Office.initialize, loading navigation properties, null checks on *OrNullObject.
    // The plugin's own configs bundle Prettier and an old typescript-eslint, so its rules are wired in directly.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'office-addins/call-sync-after-load': 'warn',
      'office-addins/no-empty-load': 'warn',
    },
  },
  {
    // Hooks called conditionally or with stale dependencies are bugs a user sees as a pane that does not update.
    files: ['src/**/*.tsx', 'src/**/use*.ts', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
