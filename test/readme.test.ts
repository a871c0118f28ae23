import { readFileSync } from 'fs';
import { join } from 'path';
import { CATALOGUE } from '../src/model/catalogue';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README states what the code serves', () => {
  test('every catalogue metric is documented with its label', () => {
    const section = readme.slice(readme.indexOf('<!-- catalogue -->'), readme.indexOf('<!-- /catalogue -->'));
    for (const m of CATALOGUE) expect(section).toContain(`| \`${m.id}\` | ${m.label} |`);
    const ids = [...section.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((x) => x[1]);
    expect(ids.sort()).toEqual(CATALOGUE.map((m) => m.id).sort());
  });

  test('the quick start gives exactly two commands', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 5));
    const commands = [...quick.matchAll(/```(?:bash|sh)?\n([\s\S]*?)```/g)].map((m) => m[1].trim());
    expect(commands).toHaveLength(2);
    expect(commands.some((c) => c.includes('bash .ci/run'))).toBe(true);
  });
});

test('every definition belongs to a catalogue metric, and every derived metric has one', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DEFINITIONS } = require('../src/model/catalogue-definitions') as { DEFINITIONS: Record<string, string> };
  const ids = new Set(CATALOGUE.map((m) => m.id));
  for (const id of Object.keys(DEFINITIONS)) expect(ids.has(id)).toBe(true);
  for (const id of ['gross_profit', 'adj_ebitda', 'normalized_adj_ebitda', 'gross_margin', 'net_debt', 'ai_share_public_cloud']) {
    expect(DEFINITIONS[id]).toBeDefined();
  }
});
