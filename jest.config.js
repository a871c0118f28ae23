/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    // tsconfig.json sets isolatedModules, so ts-jest transpiles file by file; `npm run lint` does the type check.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.txt$': '<rootDir>/test/support/txt-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'txt'],
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/test/support/office-addin-manifest-shim.js',
  },
  // Some suites drive Chromium or LibreOffice.
  testTimeout: 60000,
};
