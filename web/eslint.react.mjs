// @ts-check
/**
 * The web app's additions to the root eslint.config.mjs (which imports this file): browser globals
 * and React's hooks rules (the plugin's recommended set: the rules of hooks, exhaustive deps and the
 * React Compiler's checks). It lives here because eslint-plugin-react-hooks is a dependency of the
 * web package, so it resolves from this directory.
 */
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const recommended = reactHooks.configs.flat['recommended-latest'];

export default [
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...recommended?.rules,
      'react-hooks/exhaustive-deps': 'error',
    },
  },
];
