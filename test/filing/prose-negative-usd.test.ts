import { parseRelease } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';

// "Non-GAAP EBITDA was negative RMB130.5 million (US$18.0 million)": the US$ translation in parentheses states the
// magnitude of the same negative amount, so it takes the RMB figure's sign word.
test('a US$ translation after "negative RMB…" is read as negative', () => {
  const text = SHIPPED_RELEASE_TEXT.replace('Non-GAAP EBITDA⁴ was RMB60.6 million (US\\$8.3 million)', 'Non-GAAP EBITDA⁴ was negative RMB60.6 million (US\\$8.3 million)');
  expect(text).not.toBe(SHIPPED_RELEASE_TEXT);
  const facts = parseRelease(text).facts.filter((f) => f.table === 'prose' && f.metric === 'adj_ebitda' && f.period === 'Q2-2024');
  expect(facts.find((f) => f.currency === 'RMB')!.value.toString()).toBe('-60600');
  expect(facts.find((f) => f.currency === 'USD')!.value.toString()).toBe('-8300');
});

test('a US$ translation after a plain amount keeps its sign', () => {
  const facts = parseRelease(SHIPPED_RELEASE_TEXT).facts.filter((f) => f.table === 'prose' && f.metric === 'adj_ebitda' && f.period === 'Q2-2024');
  expect(facts.find((f) => f.currency === 'USD')!.value.toString()).toBe('8300');
});
