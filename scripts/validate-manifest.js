#!/usr/bin/env node
/**
 * `npm run validate`: an offline check of the add-in's XML manifest.
 *
 * `office-addin-manifest validate` posts the manifest to a remote service, so it cannot run offline; no npm
 * package ships the manifest XSDs either. This script checks what this project relies on:
 *   - well-formed XML (`xmllint --noout` when installed, and a small built-in parser in any case);
 *   - the OfficeApp children present and in the schema's order;
 *   - resource ids: each defined once, at most 32 characters, every referenced one defined;
 *   - every URL https, on the dev server's origin (https://localhost:<config.dev_server_port>);
 *   - the custom functions namespace is KC, the shared runtime is required and long-lived;
 *   - the permission is exactly ReadWriteDocument; no TaskpaneId (the button opens the shared runtime's page);
 *   - the minimum requirement sets the code uses (ExcelApi 1.9, CustomFunctionsRuntime 1.2) are declared;
 *   - valid against Microsoft's manifest XSDs (`xmllint --schema`), read from ../shared/schemas/office-addin-manifest
 *     beside the repository (see its README); where the schemas or xmllint are absent the check says so and is
 *     skipped, and the checks above still run.
 *
 * Usage: node scripts/validate-manifest.js [manifest.xml]. Prints every check; exits 1 when one fails.
 * `validateManifest(xml, options)` is exported for the tests.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** OfficeApp children of a TaskPaneApp, in the order the schema's sequence requires them. */
const OFFICEAPP_ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'Dictionary',
  'VersionOverrides',
  'ExtendedOverrides',
];
/** Of those, the ones this add-in's manifest may leave out; it must have all the others. */
const OFFICEAPP_OPTIONAL = new Set(['AlternateId', 'AppDomains', 'Dictionary', 'ExtendedOverrides']);
const OFFICEAPP_REQUIRED = OFFICEAPP_ORDER.filter((e) => !OFFICEAPP_OPTIONAL.has(e));
const NAMESPACE = 'KC';
const PERMISSION = 'ReadWriteDocument';
const MAX_RESID = 32;

// ---------------------------------------------------------------------------------------------------------------
// A small, strict XML parser: enough for a manifest (elements, attributes, text, comments, CDATA, the XML
// declaration). It throws on anything that is not well-formed.

class XmlError extends Error {}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

const NAME = /[A-Za-z_][\w.:-]*/y;

function checkText(text, s, offset) {
  const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)|</.exec(s);
  if (bad) throw new XmlError(`line ${lineOf(text, offset + bad.index)}: ${bad[0] === '<' ? "'<'" : "'&'"} not allowed here`);
}

function decode(s) {
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]);
}

/** Parses XML text into { name, attrs, children, text, line } elements; returns the root element. */
function parseXml(text) {
  let i = 0;
  const stack = [];
  let root = null;
  const fail = (msg, at = i) => {
    throw new XmlError(`line ${lineOf(text, at)}: ${msg}`);
  };
  const name = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  if (text.startsWith('<?xml', i)) {
    const end = text.indexOf('?>', i);
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    if (chunk.length) {
      if (stack.length === 0) {
        if (chunk.trim()) fail(root ? 'content after the root element' : 'content before the root element');
      } else {
        checkText(text, chunk, i);
        stack[stack.length - 1].text += decode(chunk);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      if (text.slice(i + 4, end).includes('--')) fail("'--' inside a comment");
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (!stack.length) fail('CDATA outside the root element');
      const end = text.indexOf(']]>', i);
      if (end < 0) fail('unterminated CDATA section');
      stack[stack.length - 1].text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
    } else if (text.startsWith('<!', i)) {
      fail('DOCTYPE and other declarations are not expected in a manifest');
    } else if (text.startsWith('</', i)) {
      const at = i;
      i += 2;
      const n = name();
      skipSpace();
      if (text[i] !== '>') fail(`malformed end tag </${n}`);
      i++;
      const open = stack.pop();
      if (!open) fail(`end tag </${n}> without a start tag`, at);
      if (open.name !== n) fail(`end tag </${n}> does not match <${open.name}> (line ${open.line})`, at);
    } else {
      const at = i;
      i++;
      const parent = stack[stack.length - 1];
      const el = { name: name(), attrs: {}, children: [], text: '', line: lineOf(text, at) };
      for (;;) {
        const before = i;
        skipSpace();
        if (text.startsWith('/>', i)) {
          i += 2;
          break;
        }
        if (text[i] === '>') {
          i++;
          stack.push(el);
          break;
        }
        if (i >= text.length) fail(`unterminated start tag <${el.name}`, at);
        if (i === before) fail(`expected whitespace before an attribute in <${el.name}>`);
        const a = name();
        skipSpace();
        if (text[i] !== '=') fail(`attribute ${a} of <${el.name}> has no value`);
        i++;
        skipSpace();
        const q = text[i];
        if (q !== '"' && q !== "'") fail(`the value of attribute ${a} of <${el.name}> is not quoted`);
        const end = text.indexOf(q, i + 1);
        if (end < 0) fail(`unterminated value of attribute ${a}`);
        const raw = text.slice(i + 1, end);
        checkText(text, raw, i + 1);
        if (Object.prototype.hasOwnProperty.call(el.attrs, a)) fail(`attribute ${a} repeated in <${el.name}>`);
        el.attrs[a] = decode(raw);
        i = end + 1;
      }
      if (parent) parent.children.push(el);
      else {
        if (root) fail('more than one root element', at);
        root = el;
      }
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1].name}> (line ${stack[stack.length - 1].line}) is never closed`);
  if (!root) fail('no root element');
  return root;
}

/** Where the manifest XSDs live: beside the repository, as ../shared/schemas/office-addin-manifest. */
const SCHEMA_DIR = path.join(__dirname, '..', '..', 'shared', 'schemas', 'office-addin-manifest');
const SCHEMA_ROOT = 'OfficeAppManifestV1_1.xsd';

/** xmllint --schema's verdict, or { skipped } saying why it could not run. */
function schemaValidate(text, dir = SCHEMA_DIR) {
  const xsd = path.join(dir, SCHEMA_ROOT);
  if (!fs.existsSync(xsd)) return { skipped: `schemas not found at ${xsd}` };
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, '-'], { input: text, encoding: 'utf8' });
  if (r.error) return { skipped: 'xmllint is not installed (Debian libxml2-utils)' };
  const errors = (r.stderr || '').split('\n').filter((l) => l.trim() && !/(validates|fails to validate)$/.test(l));
  return { ok: r.status === 0, message: errors.slice(0, 3).map((l) => l.replace(/^-:/, 'line ')).join(' | ') };
}

/** Requirement sets the code uses, with the minimum version (see src/excel/requirements.ts). */
const REQUIRED_SETS = { ExcelApi: '1.9', CustomFunctionsRuntime: '1.2', SharedRuntime: '1.1' };

/** xmllint's verdict on the text, or null when xmllint is not installed. */
function xmllint(text) {
  const r = spawnSync('xmllint', ['--noout', '-'], { input: text, encoding: 'utf8' });
  if (r.error) return null;
  return { ok: r.status === 0, message: (r.stderr || '').trim().split('\n').slice(0, 3).join(' | ') };
}

// ---------------------------------------------------------------------------------------------------------------

const local = (n) => n.slice(n.indexOf(':') + 1);

function* walk(el) {
  yield el;
  for (const c of el.children) yield* walk(c);
}

function find(el, ...names) {
  let cur = [el];
  for (const n of names) cur = cur.flatMap((e) => e.children.filter((c) => local(c.name) === n));
  return cur;
}

function devServerPort() {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    return Number(pkg.config && pkg.config.dev_server_port) || 3000;
  } catch {
    return 3000;
  }
}

/**
 * Checks a manifest's text. Returns { ok, checks: [{ name, ok, detail }] }; never throws on bad input.
 * options.port: the dev server port (default: package.json config.dev_server_port);
 * options.xmllint: false to skip xmllint (and so the schemas); options.schemas: false to skip the schemas;
 * options.schemaDir: another folder holding OfficeAppManifestV1_1.xsd and its imports.
 */
function validateManifest(xml, options = {}) {
  const port = options.port || devServerPort();
  const origin = `https://localhost:${port}`;
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: Boolean(ok), detail });
  const result = () => ({ ok: checks.every((c) => c.ok), checks });

  // 1. Well-formed XML.
  const lint = options.xmllint === false ? null : xmllint(xml);
  let root;
  let parseError = '';
  try {
    root = parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    parseError = e.message;
  }
  if (lint) check('well-formed XML (xmllint)', lint.ok, lint.ok ? '' : lint.message);
  check('well-formed XML', !parseError, parseError);
  if (!root) return result();

  // 2. Root and the order of its children.
  check('root is an OfficeApp of xsi:type TaskPaneApp', local(root.name) === 'OfficeApp' && root.attrs['xsi:type'] === 'TaskPaneApp', `<${root.name} xsi:type="${root.attrs['xsi:type'] || ''}">`);
  const children = root.children.map((c) => local(c.name));
  const unknown = children.filter((n) => !OFFICEAPP_ORDER.includes(n));
  const missing = OFFICEAPP_REQUIRED.filter((n) => !children.includes(n));
  const repeated = children.filter((n, k) => children.indexOf(n) !== k);
  const known = children.filter((n) => OFFICEAPP_ORDER.includes(n));
  const outOfOrder = known.find((n, k) => k > 0 && OFFICEAPP_ORDER.indexOf(n) < OFFICEAPP_ORDER.indexOf(known[k - 1]));
  check(
    'OfficeApp elements present, once each, in schema order',
    !unknown.length && !missing.length && !repeated.length && !outOfOrder,
    [
      missing.length ? `missing: ${missing.join(', ')}` : '',
      unknown.length ? `unexpected: ${unknown.join(', ')}` : '',
      repeated.length ? `repeated: ${repeated.join(', ')}` : '',
      outOfOrder ? `out of order: ${outOfOrder} comes after ${known[known.indexOf(outOfOrder) - 1]}; expected order ${OFFICEAPP_ORDER.filter((n) => OFFICEAPP_REQUIRED.includes(n) || children.includes(n)).join(', ')}` : '',
    ].filter(Boolean).join('; '),
  );
  const id = (find(root, 'Id')[0] || { text: '' }).text.trim();
  check('Id is a GUID', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id), id);

  // 3. Resource ids.
  const all = [...walk(root)];
  const resources = find(root, 'VersionOverrides', 'Resources');
  const defined = new Map();
  for (const el of resources.flatMap((r) => [...walk(r)])) {
    if (el.attrs.id !== undefined && ['Image', 'Url', 'String'].includes(local(el.name))) {
      defined.set(el.attrs.id, [...(defined.get(el.attrs.id) || []), el]);
    }
  }
  const dupes = [...defined].filter(([, els]) => els.length > 1).map(([k]) => k);
  check('every resid is defined exactly once', defined.size > 0 && !dupes.length, dupes.length ? `defined more than once: ${dupes.join(', ')}` : defined.size ? '' : 'no resources');
  const long = [...defined.keys()].filter((k) => k.length > MAX_RESID);
  check(`every resid is at most ${MAX_RESID} characters`, !long.length, long.map((k) => `${k} (${k.length})`).join(', '));
  const refs = all.filter((el) => el.attrs.resid !== undefined);
  const undef = [...new Set(refs.map((el) => el.attrs.resid).filter((r) => !defined.has(r)))];
  check('every referenced resid is defined', !undef.length, undef.length ? `undefined resid: ${undef.join(', ')}` : '');
  const value = (resid) => {
    const els = defined.get(resid);
    return els ? els[0].attrs.DefaultValue : undefined;
  };

  // 4. URLs: https, on the dev server's origin.
  const urls = [];
  for (const el of all) {
    for (const [k, v] of Object.entries(el.attrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim())) urls.push(v.trim());
    }
    if (!el.children.length && /^[a-z][a-z0-9+.-]*:\/\//i.test(el.text.trim())) urls.push(el.text.trim());
  }
  const offOrigin = urls.filter((u) => {
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
  const plain = offOrigin.filter((u) => !/^https:/i.test(u));
  check(
    `all URLs are https and on ${origin}`,
    urls.length > 0 && !offOrigin.length,
    [plain.length ? `not https: ${plain.join(', ')}` : '', offOrigin.length > plain.length ? `other origin: ${offOrigin.filter((u) => !plain.includes(u)).join(', ')}` : ''].filter(Boolean).join('; '),
  );

  // 5. Custom functions in the shared runtime.
  const cf = all.filter((el) => local(el.name) === 'ExtensionPoint' && el.attrs['xsi:type'] === 'CustomFunctions');
  const ns = cf.flatMap((el) => find(el, 'Namespace'));
  const nsValue = ns[0] && value(ns[0].attrs.resid);
  check(`CustomFunctions Namespace is ${NAMESPACE}`, cf.length === 1 && ns.length === 1 && nsValue === NAMESPACE, cf.length !== 1 ? 'no CustomFunctions extension point' : !ns.length ? 'CustomFunctions Namespace missing' : `namespace is ${JSON.stringify(nsValue)}`);
  const sets = find(root, 'Requirements', 'Sets', 'Set');
  const shared = sets.find((s) => s.attrs.Name === 'SharedRuntime');
  check('SharedRuntime 1.1 is required', shared && shared.attrs.MinVersion === '1.1', shared ? `MinVersion ${shared.attrs.MinVersion}` : 'no SharedRuntime requirement');
  const runtimes = all.filter((el) => local(el.name) === 'Runtime');
  const page = cf.flatMap((el) => find(el, 'Page', 'SourceLocation'))[0];
  check(
    'one long-lived Runtime, the custom functions Page',
    runtimes.length === 1 && runtimes[0].attrs.lifetime === 'long' && page && runtimes[0].attrs.resid === page.attrs.resid,
    runtimes.length !== 1 ? `${runtimes.length} Runtime elements` : runtimes[0].attrs.lifetime !== 'long' ? `lifetime="${runtimes[0].attrs.lifetime || ''}"` : !page ? 'no CustomFunctions Page' : runtimes[0].attrs.resid !== page.attrs.resid ? `Runtime ${runtimes[0].attrs.resid} is not the Page ${page.attrs.resid}` : '',
  );

  const declared = Object.fromEntries(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion]));
  const under = Object.entries(REQUIRED_SETS).filter(([n, v]) => declared[n] !== v);
  check(
    `requirement sets declared: ${Object.entries(REQUIRED_SETS).map(([n, v]) => `${n} ${v}`).join(', ')}`,
    !under.length,
    under.map(([n, v]) => `${n}: ${declared[n] ? `MinVersion ${declared[n]}, expected ${v}` : 'not declared'}`).join('; '),
  );

  // 6. Permissions and the task pane button.
  const perms = find(root, 'Permissions').map((p) => p.text.trim());
  check(`permission is exactly ${PERMISSION}`, perms.length === 1 && perms[0] === PERMISSION, perms.join(', ') || 'no Permissions');
  const taskpaneIds = all.filter((el) => local(el.name) === 'TaskpaneId');
  check('no TaskpaneId (the button opens the shared runtime)', !taskpaneIds.length, taskpaneIds.map((t) => `TaskpaneId at line ${t.line}`).join(', '));

  // 7. Microsoft's schemas.
  if (options.schemas !== false && options.xmllint !== false) {
    const v = schemaValidate(xml, options.schemaDir);
    const name = 'valid against the Office add-in manifest XSDs (xmllint --schema)';
    if (v.skipped) checks.push({ name, ok: true, skipped: true, detail: `skipped: ${v.skipped}` });
    else check(name, v.ok, v.message);
  }

  return result();
}

module.exports = { validateManifest, parseXml, XmlError, SCHEMA_DIR };

if (require.main === module) {
  const file = process.argv[2] || path.join(__dirname, '..', 'manifest.xml');
  let xml;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  const { ok, checks } = validateManifest(xml);
  console.log(`Manifest: ${path.relative(process.cwd(), path.resolve(file))}`);
  for (const c of checks) console.log(`  ${c.skipped ? 'skip' : c.ok ? 'pass' : 'FAIL'}  ${c.name}${c.detail && (!c.ok || c.skipped) ? ` — ${c.detail}` : ''}`);
  const failed = checks.filter((c) => !c.ok).length;
  const skipped = checks.filter((c) => c.skipped).length;
  console.log((failed ? `${failed} of ${checks.length} checks failed` : `All ${checks.length} checks passed`) + (skipped ? ` (${skipped} skipped)` : ''));
  process.exit(failed ? 1 : 0);
}
