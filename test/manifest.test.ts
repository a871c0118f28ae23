import { readFileSync } from 'fs';
import { join } from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateManifest, parseXml } = require('../scripts/validate-manifest.js') as {
  validateManifest(xml: string, options?: { port?: number; xmllint?: boolean }): { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
  parseXml(xml: string): unknown;
};

const MANIFEST = readFileSync(join(__dirname, '..', 'manifest.xml'), 'utf8');

function failures(xml: string, options = {}) {
  return validateManifest(xml, options).checks.filter((c) => !c.ok);
}

/** Replaces exactly one occurrence, so a tampering that no longer applies fails loudly. */
function tamper(find: string | RegExp, replace: string): string {
  const hits = MANIFEST.split(find).length - 1;
  if (hits !== 1) throw new Error(`expected one match of ${find}, found ${hits}`);
  return MANIFEST.replace(find, replace);
}

describe('manifest.xml', () => {
  test('passes every check', () => {
    const r = validateManifest(MANIFEST);
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.length).toBeGreaterThanOrEqual(13);
  });

  test('passes with the built-in parser alone (no xmllint)', () => {
    expect(failures(MANIFEST, { xmllint: false })).toEqual([]);
  });
});

describe('tampered manifests fail with the right message', () => {
  test.each<[string, () => string, RegExp, RegExp]>([
    ['missing namespace', () => tamper(/\s*<Namespace resid="Functions.Namespace"\/>/, ''), /CustomFunctions Namespace is KC/, /Namespace missing/],
    ['wrong namespace', () => tamper('id="Functions.Namespace" DefaultValue="KC"', 'id="Functions.Namespace" DefaultValue="CONTOSO"'), /CustomFunctions Namespace is KC/, /"CONTOSO"/],
    [
      'resid longer than 32 characters',
      () => MANIFEST.split('Taskpane.Url').join('Taskpane.Url.Of.The.KC.Model.AddIn'),
      /at most 32 characters/,
      /Taskpane\.Url\.Of\.The\.KC\.Model\.AddIn \(34\)/,
    ],
    ['undefined resid', () => tamper('<Label resid="Group.Label"/>', '<Label resid="Group.Title"/>'), /every referenced resid is defined/, /Group\.Title/],
    ['resid defined twice', () => tamper('<bt:String id="Group.Label" DefaultValue="KC Model"/>', '<bt:String id="Group.Label" DefaultValue="KC Model"/><bt:String id="Group.Label" DefaultValue="KC"/>'), /defined exactly once/, /Group\.Label/],
    [
      'wrong order (Description before DisplayName)',
      () => {
        const display = MANIFEST.match(/ *<DisplayName [^>]*\/>\n/)![0];
        return tamper(display, '').replace(/( *<IconUrl )/, `${display}$1`);
      },
      /schema order/,
      /out of order: DisplayName comes after Description/,
    ],
    ['missing required element', () => tamper(/\s*<SupportUrl [^>]*\/>/, ''), /schema order/, /missing: SupportUrl/],
    ['http URL', () => tamper('"https://localhost:3000/functions.json"', '"http://localhost:3000/functions.json"'), /https and on https:\/\/localhost:3000/, /not https: http:\/\/localhost:3000\/functions\.json/],
    ['other port', () => tamper('"https://localhost:3000/addin.js"', '"https://localhost:8443/addin.js"'), /https and on https:\/\/localhost:3000/, /other origin: https:\/\/localhost:8443\/addin\.js/],
    ['extra permission', () => tamper('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteMailbox</Permissions>'), /permission is exactly ReadWriteDocument/, /ReadWriteMailbox/],
    ['repeated Permissions', () => tamper('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteDocument</Permissions>\n  <Permissions>ReadDocument</Permissions>'), /permission is exactly ReadWriteDocument/, /ReadWriteDocument, ReadDocument/],
    ['short-lived runtime', () => tamper('lifetime="long"', 'lifetime="short"'), /long-lived Runtime/, /lifetime="short"/],
    ['no SharedRuntime requirement', () => tamper(/\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/, ''), /SharedRuntime 1\.1 is required/, /no SharedRuntime requirement/],
    ['TaskpaneId', () => tamper('<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ShowTaskpane">\n                    <TaskpaneId>ButtonId1</TaskpaneId>'), /no TaskpaneId/, /TaskpaneId at line \d+/],
    ['malformed XML (unclosed element)', () => tamper('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteDocument'), /^well-formed XML$/, /does not match <Permissions>/],
    ['malformed XML (unquoted attribute)', () => tamper('<Host Name="Workbook"/>', '<Host Name=Workbook/>'), /^well-formed XML$/, /not quoted/],
    ['malformed XML (bare ampersand)', () => tamper('Kingsoft Cloud (NASDAQ', 'Kingsoft & Cloud (NASDAQ'), /^well-formed XML$/, /'&' not allowed/],
  ])('%s', (_, make, check, detail) => {
    const xml = make();
    const r = validateManifest(xml);
    expect(r.ok).toBe(false);
    const failed = r.checks.filter((c) => !c.ok);
    const hit = failed.find((c) => check.test(c.name));
    expect(hit).toBeDefined();
    expect(hit!.detail).toMatch(detail);
    // The built-in parser reaches the same verdict without xmllint.
    expect(validateManifest(xml, { xmllint: false }).ok).toBe(false);
  });

  test('malformed XML stops the structural checks', () => {
    const r = validateManifest('<OfficeApp><Id>x</Id>', { xmllint: false });
    expect(r.checks.map((c) => c.name)).toEqual(['well-formed XML']);
    expect(r.checks[0].detail).toMatch(/<OfficeApp> \(line 1\) is never closed/);
  });

  test('the parser reads elements, attributes, entities and comments', () => {
    expect(parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b>t&lt;u</b><![CDATA[<raw>]]></a>')).toEqual({
      name: 'a',
      attrs: { x: '1 & 2' },
      text: '<raw>',
      line: 1,
      children: [{ name: 'b', attrs: {}, text: 't<u', line: 1, children: [] }],
    });
  });
});
