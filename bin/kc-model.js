#!/usr/bin/env node
'use strict';
// The kc-model command: a thin launcher for the built CLI (dist/cli/kc-model.js, made by `npm run build`).
const fs = require('fs');
const path = require('path');

const built = path.join(__dirname, '..', 'dist', 'cli', 'kc-model.js');
if (!fs.existsSync(built)) {
  console.error('kc-model: dist/cli/kc-model.js is missing: run `npm run build` first');
  process.exit(1);
}
if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);

const cli = require(built);
Promise.resolve(cli.main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = typeof code === 'number' ? code : 0;
  },
  (e) => {
    console.error(`kc-model: ${e && e.stack ? e.stack : e}`);
    process.exitCode = 2;
  },
);
