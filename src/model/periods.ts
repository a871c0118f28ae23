import { ModelError } from './errors';
import { ACCEPTED_FORMS, readPeriod, type Period } from '../filing/periods';

/**
 * Periods as the model serves them. The period module itself (types, canonical ids, spellings) lives at the bottom
 * layer, src/filing/periods.ts, shared by filing, model and sheets; this module keeps its exports for the model's
 * users and adds the model's error for a text that is not a period.
 */
export {
  ACCEPTED_FORMS,
  fiscalYear,
  half,
  instant,
  nineMonths,
  periodEnding,
  periodOrder,
  previousQuarter,
  priorYear,
  quarter,
  readPeriod,
  toDate,
  periodOfId,
  openingDate,
  type Period,
  type PeriodKind,
} from '../filing/periods';

/** Parses any accepted spelling; throws ModelError('unknown_period') listing the accepted forms. */
export function parsePeriod(text: string): Period {
  const p = readPeriod(text);
  if (p) return p;
  throw new ModelError('unknown_period', `"${text.trim()}" is not a period. Accepted: ${ACCEPTED_FORMS}.`);
}
