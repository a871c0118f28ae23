/**
 * The custom-functions metadata rules of Microsoft's documentation ("Manually create JSON metadata for custom
 * functions", office-js-docs-pr docs/excel/custom-functions-json.md, and the naming rules of
 * custom-functions-naming.md), as a checker: returns every violation of a functions.json, [] when it is valid.
 * Ids: the page's prose says alphanumerics and periods; Microsoft's own generator (custom-functions-metadata) and
 * naming guidance also accept "_", which the KC ids use, so "_" is accepted here too.
 */
const TOP = ['$schema', 'functions', 'enums', 'allowCustomDataForDataTypeAny', 'allowErrorForDataTypeAny'];
const FUNCTION = ['description', 'helpUrl', 'id', 'name', 'options', 'parameters', 'result'];
const PARAMETER = ['name', 'description', 'type', 'dimensionality', 'optional', 'repeating', 'cellValueType', 'customEnumId'];
const RESULT = ['type', 'dimensionality'];
const OPTIONS = ['cancelable', 'capturesCallingObject', 'excludeFromAutoComplete', 'linkedEntityLoadService', 'requiresAddress', 'requiresParameterAddresses', 'requiresStreamAddress', 'requiresStreamParameterAddresses', 'stream', 'volatile'];
const TYPES = ['boolean', 'number', 'string', 'any'];
const DIMS = ['scalar', 'matrix'];
const CELL_VALUE_TYPES = ['cellvalue', 'booleancellvalue', 'doublecellvalue', 'entitycellvalue', 'errorcellvalue', 'linkedentitycellvalue', 'localimagecellvalue', 'stringcellvalue', 'webimagecellvalue'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function functionsJsonViolations(doc: unknown): string[] {
  const out: string[] = [];
  const unknownKeys = (where: string, o: Json, allowed: string[]) => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) out.push(`${where}: unknown property "${k}"`);
  };
  if (!isObject(doc)) return ['the document is not an object'];
  unknownKeys('top level', doc, TOP);
  for (const k of ['allowCustomDataForDataTypeAny', 'allowErrorForDataTypeAny']) if (k in doc && typeof doc[k] !== 'boolean') out.push(`${k} is not a boolean`);
  if (!Array.isArray(doc.functions) || doc.functions.length === 0) return [...out, 'functions is not a non-empty array'];
  const ids = new Set<string>();
  const names = new Set<string>();
  doc.functions.forEach((f: unknown, i) => {
    if (!isObject(f)) return out.push(`functions[${i}] is not an object`);
    const at = `function ${String(f.id ?? i)}`;
    unknownKeys(at, f, FUNCTION);
    const id = f.id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9._]+$/.test(id)) out.push(`${at}: id must be letters, digits, "." or "_"`);
    else if (id.length > 128) out.push(`${at}: id longer than 128 characters`);
    else if (ids.has(id.toUpperCase())) out.push(`${at}: id is not unique`);
    else ids.add(id.toUpperCase());
    const name = f.name;
    if (typeof name !== 'string' || !/^\p{L}[\p{L}0-9._]*$/u.test(name)) out.push(`${at}: name must start with a letter and hold only letters, digits, "." and "_"`);
    else if (name.length > 128) out.push(`${at}: name longer than 128 characters`);
    else if (names.has(name.toUpperCase())) out.push(`${at}: name is not unique`);
    else names.add(name.toUpperCase());
    for (const k of ['description', 'helpUrl']) if (k in f && typeof f[k] !== 'string') out.push(`${at}: ${k} is not a string`);
    if (typeof f.helpUrl === 'string' && !/^https?:\/\//.test(f.helpUrl)) out.push(`${at}: helpUrl is not a URL`);
    if (!Array.isArray(f.parameters)) out.push(`${at}: parameters is required and must be an array`);
    else {
      let optionalSeen = false;
      const pnames = new Set<string>();
      f.parameters.forEach((p: unknown, j) => {
        if (!isObject(p)) return out.push(`${at}: parameter ${j} is not an object`);
        const pat = `${at} parameter ${String(p.name ?? j)}`;
        unknownKeys(pat, p, PARAMETER);
        if (typeof p.name !== 'string' || !p.name) out.push(`${pat}: name is required`);
        else if (pnames.has(p.name)) out.push(`${pat}: name repeated`);
        else pnames.add(p.name);
        if ('type' in p && !TYPES.includes(p.type as string)) out.push(`${pat}: type ${JSON.stringify(p.type)} is not one of ${TYPES.join(', ')}`);
        if ('dimensionality' in p && !DIMS.includes(p.dimensionality as string)) out.push(`${pat}: dimensionality ${JSON.stringify(p.dimensionality)} is not scalar or matrix`);
        for (const k of ['optional', 'repeating']) if (k in p && typeof p[k] !== 'boolean') out.push(`${pat}: ${k} is not a boolean`);
        if ('cellValueType' in p && (p.type !== 'any' || !CELL_VALUE_TYPES.includes(String(p.cellValueType).toLowerCase()))) out.push(`${pat}: cellValueType needs type any and a known value`);
        const optional = p.optional === true || p.repeating === true;
        if (!optional && optionalSeen) out.push(`${pat}: a required parameter after an optional one`);
        optionalSeen ||= optional;
      });
    }
    if (!isObject(f.result)) out.push(`${at}: result is required and must be an object`);
    else {
      unknownKeys(`${at} result`, f.result, RESULT);
      if ('type' in f.result && !TYPES.includes(f.result.type as string)) out.push(`${at}: result type ${JSON.stringify(f.result.type)} is not one of ${TYPES.join(', ')}`);
      if ('dimensionality' in f.result && !DIMS.includes(f.result.dimensionality as string)) out.push(`${at}: result dimensionality ${JSON.stringify(f.result.dimensionality)} is not scalar or matrix`);
    }
    if ('options' in f) {
      const o = f.options;
      if (!isObject(o)) return out.push(`${at}: options is not an object`);
      unknownKeys(`${at} options`, o, OPTIONS);
      for (const [k, v] of Object.entries(o)) if (typeof v !== 'boolean') out.push(`${at}: option ${k} is not a boolean`);
      const both = (a: string, b: string) => o[a] === true && o[b] === true && out.push(`${at}: options ${a} and ${b} cannot both be true`);
      both('stream', 'cancelable');
      both('stream', 'requiresAddress');
      both('stream', 'volatile');
      both('excludeFromAutoComplete', 'linkedEntityLoadService');
      if (o.requiresParameterAddresses === true && (f.result as Json | undefined)?.dimensionality !== 'matrix') out.push(`${at}: requiresParameterAddresses needs a matrix result`);
      for (const k of ['requiresStreamAddress', 'requiresStreamParameterAddresses']) if (o[k] === true && o.stream !== true) out.push(`${at}: ${k} needs stream`);
    }
  });
  return out;
}
