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
