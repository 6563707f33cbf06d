/**
 * `pnpm check:cycles`: fails on an import circle between source files. It reads the TypeScript
 * sources, not built JavaScript, so a circle made only of `import type` lines counts too: such a
 * circle costs nothing at run time, but it means two modules each depend on the other's shape.
 * @type {import('dependency-cruiser').IConfiguration}
 */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cut the circle: move what both sides need into a module that neither imports back.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Keep the type-only imports that compilation erases; those are the circles other tools miss.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/'] },
    // The workspace packages export their TypeScript source through `exports` (e.g.
    // @carebridge/common/testing); without these, such imports stay unresolved and a circle
    // between packages would go unseen.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
