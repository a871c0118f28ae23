import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateManifest, parseXml, SCHEMA_DIR } = require('../scripts/validate-manifest.js') as {
  validateManifest(xml: string, options?: { port?: number; xmllint?: boolean; schemas?: boolean; schemaDir?: string }): { ok: boolean; checks: { name: string; ok: boolean; detail: string; skipped?: boolean }[] };
  parseXml(xml: string): unknown;
  SCHEMA_DIR: string;
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

/**
 * Microsoft's XML manifest schemas, beside the repository as ../shared/schemas/office-addin-manifest (the path CI
 * has too). Where they or xmllint are absent the schema tests say so and are skipped; the project's checks above run.
 */
const XSD = join(__dirname, '..', '..', 'shared', 'schemas', 'office-addin-manifest');
const haveXsd = existsSync(join(XSD, 'OfficeAppManifestV1_1.xsd')) && spawnSync('xmllint', ['--version']).status === 0;
if (!haveXsd) console.warn(`manifest XSDs or xmllint not found (${XSD}): the schema tests are skipped`);
const describeXsd = haveXsd ? describe : describe.skip;

describeXsd('manifest.xml against the Office add-in manifest XSDs (xmllint --schema)', () => {
  const schemaCheck = (xml: string) => validateManifest(xml).checks.find((c) => /XSDs/.test(c.name))!;

  test('the schemas are found where CI has them, and the manifest is valid', () => {
    expect(SCHEMA_DIR).toBe(XSD);
    expect(schemaCheck(MANIFEST)).toMatchObject({ ok: true });
    expect(schemaCheck(MANIFEST).skipped).toBeUndefined();
  });

  test.each<[string, () => string, RegExp]>([
    [
      'reordered elements (Description before DisplayName)',
      () => {
        const display = MANIFEST.match(/ *<DisplayName [^>]*\/>\n/)![0];
        return tamper(display, '').replace(/( *<IconUrl )/, `${display}$1`);
      },
      /Description.*not expected.*Expected is .*DisplayName/,
    ],
    ['a 33-character resid', () => MANIFEST.split('Taskpane.Url').join('Taskpane.Url.Of.The.KC.Model.Pane'), /Taskpane\.Url\.Of\.The\.KC\.Model\.Pane.*(length|maxLength)/],
    ['a bad lifetime', () => tamper('lifetime="long"', 'lifetime="forever"'), /lifetime.*forever/],
    ['Requirements after DefaultSettings', () => {
      const req = MANIFEST.match(/ *<Requirements>[\s\S]*?<\/Requirements>\n/)![0];
      return tamper(req, '').replace(/( *<Permissions>)/, `${req}$1`);
    }, /Requirements.*not expected/],
    ['a Set without its Name', () => tamper('<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set MinVersion="1.9"/>'), /Name.*required/],
  ])('rejects %s', (_, make, message) => {
    const xml = make();
    if (/33-character/.test(_)) expect('Taskpane.Url.Of.The.KC.Model.Pane').toHaveLength(33);
    const c = schemaCheck(xml);
    expect(c.ok).toBe(false);
    expect(c.detail).toMatch(message);
    expect(validateManifest(xml).ok).toBe(false);
  });

  test('absent schemas are reported as skipped, and the other checks still run', () => {
    const r = validateManifest(MANIFEST, { schemaDir: join(__dirname, 'no-such-folder') });
    const c = r.checks.find((x) => /XSDs/.test(x.name))!;
    expect(c).toMatchObject({ ok: true, skipped: true, detail: expect.stringMatching(/^skipped: schemas not found at /) });
    expect(r.checks.length).toBeGreaterThanOrEqual(15);
  });
});

describe('requirement sets', () => {
  test('the manifest declares the minimum sets the code uses; the run-time check asks for the same', async () => {
    const { REQUIRED_SETS } = await import('../src/excel/requirements');
    for (const [name, version] of REQUIRED_SETS) expect(MANIFEST).toContain(`<Set Name="${name}" MinVersion="${version}"/>`);
    expect(failures(MANIFEST)).toEqual([]);
    const r = validateManifest(tamper('<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="ExcelApi" MinVersion="1.7"/>'));
    expect(r.checks.find((c) => !c.ok)).toMatchObject({ name: expect.stringMatching(/requirement sets declared/), detail: 'ExcelApi: MinVersion 1.7, expected 1.9' });
  });

  test('every ExcelApi member the Office.js layer calls is in a set no newer than the declared 1.9', () => {
    // The members named by the requirement check's comment, looked up in @types/office-js's [Api set: ...] remarks.
    const dts = readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8');
    const src = ['batch.ts', 'refresh-tabs.ts'].map((f) => readFileSync(join(__dirname, '..', 'src', 'excel', f), 'utf8')).join('\n');
    const used = ['getRanges', 'indentLevel', 'pageLayout', 'setPrintTitleRows', 'showGridlines', 'freezePanes', 'tabColor', 'getRangeByIndexes', 'suspendApiCalculationUntilNextSync', 'getUsedRangeOrNullObject', 'getItemOrNullObject', 'valueTypes'];
    for (const member of used) {
      expect(src).toContain(member);
      // The oldest ExcelApi set among the declarations of that member (collections repeat names in newer sets).
      const minors = [...dts.matchAll(new RegExp(`\\n\\s+(?:readonly )?${member}[(?:<]`, 'g'))]
        .map((m) => /\[Api set: ExcelApi 1\.(\d+)/.exec(dts.slice(Math.max(0, m.index! - 1500), m.index).split('/**').pop()!))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]));
      expect([member, minors.length > 0 && Math.min(...minors) <= 9]).toEqual([member, true]);
    }
  });
});
