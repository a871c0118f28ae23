/**
 * Two builds, run together by `npm run build` (webpack --mode production):
 *
 *  1. `addin` — the Excel add-in (browser, ES2020): ONE page, taskpane.html, hosts both the task pane and the
 *     custom functions (shared runtime, see manifest.xml), plus functions.json, the icons and the manifest.
 *  2. `cli`   — the kc-model command-line tool (Node, ES2020): dist/cli/kc-model.js, run by bin/kc-model.js.
 *
 * Shaped like the "Excel Custom Functions using a Shared Runtime" project template, minus the parts this project
 * does not need: no Babel, no polyfills or ES5 targets, no Outlook or commands code.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const pkg = require('./package.json');
const { helpPage } = require('./scripts/help-page');

const ROOT = __dirname;
const DIST = path.join(ROOT, 'dist');
const PORT = Number(process.env.npm_package_config_dev_server_port || pkg.config.dev_server_port || 3000);
const FUNCTIONS = './src/functions/functions.ts';
const TASKPANE = './src/taskpane/taskpane.ts';
/** The add-in's size target (whole add-in, minified); webpack warns past it. `npm run bench` prints the figures. */
const SIZE_TARGET = 150 * 1024;

/** TypeScript: file-by-file transpilation (the type check is `npm run lint`); ES modules so webpack can tree-shake. */
const tsRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: {
    loader: 'ts-loader',
    options: {
      transpileOnly: true,
      onlyCompileBundledFiles: true,
      compilerOptions: { module: 'es2020', noEmit: false, sourceMap: true },
    },
  },
};
/** The earnings releases (.txt) are imported as strings. */
const txtRule = { test: /\.txt$/, type: 'asset/source' };

/**
 * Copies files into the output as they are (what the template does with copy-webpack-plugin, which this project
 * does not depend on). `files` maps a source path, relative to the project, to its output name.
 */
class CopyFilesPlugin {
  constructor(files) {
    this.files = files;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyFilesPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [from, to] of Object.entries(this.files())) {
            const abs = path.join(ROOT, from);
            compilation.fileDependencies.add(abs);
            if (compilation.getAsset(to)) continue; // already emitted (e.g. an icon the page references)
            compilation.emitAsset(to, new webpack.sources.RawSource(fs.readFileSync(abs)));
          }
        },
      );
    });
  }
}

/** help.html: the README rendered, for the functions' help links and the manifest's SupportUrl. */
/**
 * chunks.json: each chunk group the add-in loads (the entry, and every import() by its webpackChunkName) with the
 * files it needs, shared chunks included, so `npm run bench` can say what is loaded at start and what on demand.
 */
class ChunkMapPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ChunkMapPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ChunkMapPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const groups = {};
        for (const [name, group] of compilation.namedChunkGroups) {
          groups[name] = [...new Set(group.chunks.flatMap((c) => [...c.files].filter((f) => f.endsWith('.js'))))].sort();
        }
        compilation.emitAsset('chunks.json', new webpack.sources.RawSource(JSON.stringify(groups, null, 2)));
      });
    });
  }
}

class HelpPagePlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('HelpPagePlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'HelpPagePlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const readme = path.join(ROOT, 'README.md');
        compilation.fileDependencies.add(readme);
        compilation.emitAsset('help.html', new webpack.sources.RawSource(helpPage(fs.readFileSync(readme, 'utf8'))));
      });
    });
  }
}

function filesToCopy() {
  const icons = fs.readdirSync(path.join(ROOT, 'assets')).filter((f) => f.endsWith('.png'));
  return Object.fromEntries([
    ...icons.map((f) => [`assets/${f}`, `assets/${f}`]),
    ['manifest.xml', 'manifest.xml'],
    // The release is data the add-in fetches at start (src/model/shared.ts), not code in the bundle.
    ...fs.readdirSync(path.join(ROOT, 'assets', 'filings')).map((f) => [`assets/filings/${f}`, `assets/filings/${f}`]),
    // The functions' help links and the manifest's SupportUrl point at the README.
    ['README.md', 'README.md'],
  ]);
}

/**
 * The dev server speaks plain http on localhost by default (what the tests here use). Excel needs https with a
 * trusted certificate: `npx office-addin-dev-certs install` once, then `KC_HTTPS=1 npm run dev-server` (or
 * `npm run dev-server -- --server-type https`); the certificates are read from office-addin-dev-certs' folder.
 * `npm start` on Windows and macOS sets KC_HTTPS for the dev server it starts.
 */
function devServerHttps() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f)) : undefined);
  const [ca, key, cert] = [read('ca.crt'), read('localhost.key'), read('localhost.crt')];
  return key && cert ? { ca, key, cert } : undefined;
}

/**
 * With KC_HTTPS and no certificates yet, office-addin-dev-certs creates and installs them (as the project template
 * does); if that fails, webpack-dev-server falls back to a self-signed certificate that Excel will not trust.
 */
async function installDevCerts() {
  try {
    const devCerts = require('office-addin-dev-certs');
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { ca, key, cert };
  } catch (e) {
    console.warn(`KC_HTTPS: no development certificate (${e.message}); run \`npx office-addin-dev-certs install\`.`);
    return undefined;
  }
}

module.exports = async (env = {}, options = {}) => {
  const production = (options.mode || process.env.NODE_ENV) === 'production';
  const https = /^(1|true|yes)$/i.test(process.env.KC_HTTPS || '');
  const httpsOptions = devServerHttps() || (https && env.WEBPACK_SERVE ? await installDevCerts() : undefined);

  /** @type {import('webpack').Configuration} */
  const addin = {
    name: 'addin',
    mode: production ? 'production' : 'development',
    target: ['web', 'es2020'],
    // Never an eval-based devtool: the page's Content-Security-Policy forbids eval.
    devtool: 'source-map',
    // ONE entry holding both the custom functions and the task pane. In a shared runtime both run in the same
    // page, and they must share one instance of every module (the shipped model, its caches, the catalogue):
    // two entries on one page would each carry their own copy of every module they import. The file keeps a
    // stable name because manifest.xml points at it (Functions.Script.Url); the page references it with a
    // ?hash query (HtmlWebpackPlugin `hash`) so a new build is not served from a stale cache.
    entry: { addin: [FUNCTIONS, TASKPANE] },
    output: {
      path: DIST,
      filename: '[name].js',
      // Chunks loaded on demand (the model-tab writer; pdf.js) carry a content hash: a new build is never served
      // from a stale cache. They sit beside taskpane.html, so they are fetched relative to the page ('auto' would
      // probe document.currentScript at start, which a runtime without a document does not have).
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: '',
      // dist/cli belongs to the other build, which runs at the same time.
      clean: { keep: /^cli[\\/]/ },
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        tsRule,
        txtRule,
        { test: /\.html$/, exclude: /node_modules/, use: 'html-loader' },
        // The stylesheet the page links is emitted as a file (no inline styles or scripts: see the page's CSP).
        { test: /\.css$/, type: 'asset/resource', generator: { filename: '[name].[contenthash:8][ext]' } },
        { test: /\.(png|jpg|jpeg|gif|ico|svg)$/, type: 'asset/resource', generator: { filename: 'assets/[name][ext]' } },
      ],
    },
    plugins: [
      // functions.json from the JSDoc of the functions file; the plugin also appends the
      // CustomFunctions.associate(...) calls to that file (they are never written by hand).
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: FUNCTIONS }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['addin'],
        hash: true,
      }),
      new CopyFilesPlugin(filesToCopy),
      new HelpPagePlugin(),
      new ChunkMapPlugin(),
    ],
    performance: { hints: production ? 'warning' : false, maxEntrypointSize: SIZE_TARGET, maxAssetSize: SIZE_TARGET },
    devServer: {
      static: { directory: DIST },
      host: 'localhost',
      port: PORT,
      // Excel fetches functions.json and the page from its own origin.
      headers: { 'Access-Control-Allow-Origin': '*' },
      // An object, so that `--server-type https` on the command line keeps the certificate options.
      server: { type: https ? 'https' : 'http', ...(httpsOptions ? { options: httpsOptions } : {}) },
      devMiddleware: { writeToDisk: true },
      client: { overlay: false },
    },
  };

  /** @type {import('webpack').Configuration} */
  const cli = {
    name: 'cli',
    mode: production ? 'production' : 'development',
    target: ['node20', 'es2020'],
    devtool: 'source-map',
    entry: { 'kc-model': './src/cli/kc-model.ts' },
    output: {
      path: path.join(DIST, 'cli'),
      filename: '[name].js',
      library: { type: 'commonjs2' },
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [tsRule, txtRule] },
    // Heavy runtime dependencies stay in node_modules, loaded with require() when a command needs them.
    externals: {
      exceljs: 'commonjs exceljs',
      'playwright-core': 'commonjs playwright-core',
      // pdf.js is required only when a PDF is opened (src/filing/node-readers.ts).
      'pdfjs-dist/legacy/build/pdf.js': 'commonjs pdfjs-dist/legacy/build/pdf.js',
    },
    externalsPresets: { node: true },
    // Readable stack traces from the command line; size does not matter here.
    optimization: { minimize: false },
    performance: { hints: false },
  };

  // The dev server only serves the add-in; `npm run build` makes both.
  return env.WEBPACK_SERVE ? [addin] : [addin, cli];
};
