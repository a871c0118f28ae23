#!/usr/bin/env node
/**
 * `npm start`.
 *  - Windows and macOS: `office-addin-debugging start manifest.xml desktop`, which builds, starts the dev server
 *    and sideloads the add-in into Excel desktop (`npm stop` ends it).
 *  - Elsewhere (Linux: office-addin-debugging does not support the platform, and would still exit 0): builds,
 *    starts the dev server and prints how to sideload the add-in into Excel on the web.
 */
'use strict';
const { spawn, spawnSync } = require('child_process');
const path = require('path');
const pkg = require('../package.json');

const ROOT = path.join(__dirname, '..');
const PORT = Number(pkg.config.dev_server_port || 3000);
const win = process.platform === 'win32';
const extra = process.argv.slice(2);

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: win });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code === null ? (signal === 'SIGINT' ? 0 : 1) : code));
}

if (process.platform === 'win32' || process.platform === 'darwin') {
  // Excel desktop loads the add-in over https only: the dev server that office-addin-debugging starts uses the
  // office-addin-dev-certs certificate (see webpack.config.js).
  process.env.KC_HTTPS = process.env.KC_HTTPS || '1';
  run('npx', ['office-addin-debugging', 'start', 'manifest.xml', 'desktop', ...extra]);
} else {
  const https = /^(1|true|yes)$/i.test(process.env.KC_HTTPS || '');
  console.log(`Excel desktop sideloading (office-addin-debugging) supports Windows and macOS only; on ${process.platform} the add-in runs in Excel on the web.\n`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('\nnpm start: the build failed.');
    process.exit(build.status || 1);
  }
  console.log(`
Sideload into Excel on the web:
  1. The manifest points at https://localhost:${PORT}. Excel requires https with a certificate your browser
     trusts: run \`npx office-addin-dev-certs install\` once (installing its CA needs administrator rights),
     then start with \`KC_HTTPS=1 npm start\`.${https ? '' : `\n     This server is plain http (KC_HTTPS is not set), which Excel will not load.`}
  2. Open https://localhost:${PORT}/taskpane.html in the browser once, to check that it loads without a warning.
  3. In Excel on the web, open a workbook: Insert > Add-ins > More Add-ins (or Home > Add-ins > More Add-ins) >
     Upload My Add-in > Browse > choose ${path.join(ROOT, 'manifest.xml')} > Upload.
  4. The "KC Model" button appears on the Home tab; =KC.FX_RATE() in a cell checks the functions.

Starting the dev server on ${https ? 'https' : 'http'}://localhost:${PORT} (Ctrl+C to stop)…
`);
  // What `npm run dev-server` runs, started directly so that Ctrl+C and `kill` reach the server itself.
  run(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development', ...extra]);
}
