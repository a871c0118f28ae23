import Decimal from 'decimal.js';
import { ModelError } from '../model/errors';
import type { ModelValue } from '../model/model';

/**
 * The options argument, one grammar for every KC function that takes it: `key=value` pairs separated by `;`, keys
 * and values case-insensitive, spaces ignored, e.g. "units=millions; as=first".
 * - units: thousands (default: as the release prints), millions, units — money amounts only;
 * - as: latest (default: the latest release's figure), first (as first reported);
 * - orient: row (default for KC.SERIES), column;
 * - header: no (default), yes — a header row of period ids (and for KC.TABLE a first column of metric ids).
 */
export interface Options {
  units: 'thousands' | 'millions' | 'units';
  as: 'latest' | 'first';
  orient: 'row' | 'column';
  header: boolean;
}

export const OPTIONS_GRAMMAR = '"units=thousands|millions|units; as=latest|first; orient=row|column; header=no|yes"';

const DEFAULTS: Options = { units: 'thousands', as: 'latest', orient: 'row', header: false };
const VALUES: Record<keyof Options, string[]> = {
  units: ['thousands', 'millions', 'units'],
  as: ['latest', 'first'],
  orient: ['row', 'column', 'columns', 'rows'],
  header: ['yes', 'no', 'true', 'false'],
};

const cache = new Map<string, Options>();

/** Parses an options text; throws ModelError('bad_argument') naming the bad part and the grammar. */
export function parseOptions(text: string | undefined): Options {
  if (text === undefined) return DEFAULTS;
  const hit = cache.get(text);
  if (hit) return hit;
  const o: Options = { ...DEFAULTS };
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const m = /^\s*([a-z]+)\s*[=:]\s*([a-z]+)\s*$/i.exec(part);
    const key = m?.[1].toLowerCase() as keyof Options | undefined;
    const value = m?.[2].toLowerCase();
    if (!m || !key || !(key in VALUES) || !VALUES[key].includes(value!)) {
      throw new ModelError('bad_argument', `options: "${part.trim()}" is not an option. Use ${OPTIONS_GRAMMAR}.`);
    }
    if (key === 'units') o.units = value as Options['units'];
    else if (key === 'as') o.as = value as Options['as'];
    else if (key === 'orient') o.orient = value!.startsWith('column') ? 'column' : 'row';
    else o.header = value === 'yes' || value === 'true';
  }
  if (cache.size < 1000) cache.set(text, o);
  return o;
}

/** A model value as a number in the options' units (money amounts only; ratios, per-share figures and counts as they are). */
export function inUnits(v: ModelValue, o: Options): number {
  if (o.units === 'thousands' || v.metric.unit !== 'amount') return v.value.toNumber();
  return (o.units === 'millions' ? v.value.div(1000) : v.value.mul(1000)).toNumber();
}

export { Decimal };
