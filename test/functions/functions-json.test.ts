import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { DIST } from '../support/load-bundle';
import { functionsJsonViolations } from '../support/functions-json-rules';

/**
 * dist/functions.json (generated from the JSDoc by custom-functions-metadata-plugin) against the metadata rules of
 * the documentation: ids, names, parameter types, dimensionality, options. The checker itself is tested on
 * mutated copies, so a rule that stops catching its violation fails here.
 */
const FILE = join(DIST, 'functions.json');
const built = existsSync(FILE);
const describeBuilt = built || process.env.CI ? describe : describe.skip;

describeBuilt('dist/functions.json follows the custom-functions metadata rules', () => {
  const doc = () => JSON.parse(readFileSync(FILE, 'utf8')) as { functions: Record<string, unknown>[] };

  test('no violation, and every function has the types Excel shows', () => {
    const d = doc();
    expect(functionsJsonViolations(d)).toEqual([]);
    expect(d.functions.length).toBeGreaterThanOrEqual(16);
    for (const f of d.functions) {
      // Spilled blocks mixing numbers, texts and per-cell errors are declared any (no type), as a matrix.
      if (['SERIES', 'TABLE', 'RELEASES', 'RESTATEMENTS'].includes(String(f.id))) expect(f.result).toEqual({ dimensionality: 'matrix' });
      else expect(f.result).toEqual(expect.objectContaining({ type: expect.stringMatching(/^(number|string)$/) }));
    }
  });

  const mutate = (f: (d: { functions: Record<string, any>[] }) => void) => {
    const d = doc() as { functions: Record<string, any>[] };
    f(d);
    return functionsJsonViolations(d);
  };

  test.each<[string, (d: { functions: Record<string, any>[] }) => void, RegExp]>([
    ['an id with a hyphen', (d) => (d.functions[0].id = 'ADJ-EBITDA'), /id must be letters/],
    ['a duplicate id', (d) => (d.functions[1].id = d.functions[0].id), /id is not unique/],
    ['an id of 129 characters', (d) => (d.functions[0].id = 'A'.repeat(129)), /id longer than 128/],
    ['a name starting with a digit', (d) => (d.functions[0].name = '1REVENUE'), /name must start with a letter/],
    ['a duplicate name (case-insensitive)', (d) => (d.functions[1].name = d.functions[0].name.toLowerCase()), /name is not unique/],
    ['no parameters array', (d) => delete d.functions[0].parameters, /parameters is required/],
    ['no result', (d) => delete d.functions[0].result, /result is required/],
    ['a parameter of type "int"', (d) => (d.functions[0].parameters[0].type = 'int'), /type "int" is not one of/],
    ['a parameter dimensionality "vector"', (d) => (d.functions[0].parameters[0].dimensionality = 'vector'), /dimensionality "vector"/],
    ['a required parameter after an optional one', (d) => d.functions.find((f) => f.id === 'METRIC')!.parameters.push({ name: 'extra', type: 'string' }), /required parameter after an optional/],
    ['a result of type "date"', (d) => (d.functions[0].result.type = 'date'), /result type "date"/],
    ['a result dimensionality "array"', (d) => (d.functions[0].result.dimensionality = 'array'), /result dimensionality "array"/],
    ['stream with cancelable', (d) => (d.functions[0].options = { stream: true, cancelable: true }), /stream and cancelable/],
    ['an unknown option', (d) => (d.functions[0].options = { async: true }), /unknown property "async"/],
    ['a non-boolean option', (d) => (d.functions[0].options = { volatile: 'yes' }), /option volatile is not a boolean/],
    ['requiresParameterAddresses with a scalar result', (d) => (d.functions[0].options = { requiresParameterAddresses: true }), /needs a matrix result/],
    ['an unknown function property', (d) => (d.functions[0].async = true), /unknown property "async"/],
  ])('the checker catches %s', (_, change, message) => {
    const v = mutate(change);
    expect(v.length).toBeGreaterThan(0);
    expect(v.join('\n')).toMatch(message);
  });
});
