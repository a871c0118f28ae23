#!/usr/bin/env node
// Writes the metric catalogue into README.md between <!-- catalogue --> and <!-- /catalogue -->, from
// src/model/catalogue.ts, so the README always states what the code serves. test/readme.test.ts checks it.
require('./register-ts');
const fs = require('fs');
const path = require('path');
const { CATALOGUE } = require('../src/model/catalogue.ts');
const { DEFINITIONS } = require('../src/model/catalogue-definitions.ts');

const STATEMENTS = {
  income_statement: 'Statements of comprehensive loss',
  non_gaap: 'Non-GAAP measures and margins',
  balance_sheet: 'Balance sheet',
  cash_flow: 'Cash flow',
  operating: 'Operating facts (prose) and analyst additions',
};
const UNITS = {
  amount: 'thousands (RMB or US$)',
  ratio: 'fraction',
  per_share: 'RMB or US$ per share',
  shares: 'shares',
  rate: 'RMB per US$',
};

function table() {
  const out = [];
  for (const [key, title] of Object.entries(STATEMENTS)) {
    out.push(`### ${title}`, '', '| id | label | unit | definition |', '|---|---|---|---|');
    for (const m of CATALOGUE.filter((c) => c.statement === key)) {
      out.push(`| \`${m.id}\` | ${m.label} | ${UNITS[m.unit]}${m.basis === 'stock' ? ', at a date' : ''} | ${DEFINITIONS[m.id] ?? 'as reported'} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

const file = path.join(__dirname, '..', 'README.md');
const readme = fs.readFileSync(file, 'utf8');
const start = readme.indexOf('<!-- catalogue -->');
const endMark = '<!-- /catalogue -->';
const end = readme.indexOf(endMark);
if (start < 0) throw new Error('README.md has no <!-- catalogue --> marker');
const before = readme.slice(0, start + '<!-- catalogue -->'.length);
const after = end >= 0 ? readme.slice(end) : `${endMark}\n${readme.slice(start + '<!-- catalogue -->'.length)}`;
fs.writeFileSync(file, `${before}\n\n${table()}\n${after}`);
module.exports = { table };
