// After the build: the published entry points load as ESM and CJS, answer, and the library core
// (index, reference) imports no Node built-ins, so it also runs in browsers and edge runtimes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const failures = [];
for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/reference.js', 'dist/reference.cjs']) {
  const source = readFileSync(file, 'utf8');
  const builtin = source.match(
    /(?:from\s*|require\()\s*["'](node:[a-z_/]+|fs|path|os|child_process|process)["']/,
  );
  if (builtin) failures.push(`${file} imports the Node built-in ${builtin[1]}`);
}
const esm = await import('../dist/index.js');
const cjs = require('../dist/index.cjs');
for (const [name, api] of [
  ['ESM', esm],
  ['CJS', cjs],
]) {
  const category = api.classifyDenial({ codes: ['CO-50'] }).category;
  const deadline = api.computeAppealDeadline({
    planType: 'medicare_original',
    noticeDate: '2026-01-02',
  }).deadline;
  if (category !== 'medical_necessity' || deadline !== '2026-05-07')
    failures.push(`${name} build answered ${category} / ${deadline}`);
}
const reference = await import('../dist/reference.js');
const oracle = await reference.createReferenceOverturn().classifyDenial({ codes: ['CO-197'] });
if (oracle.category !== 'prior_authorization') failures.push(`reference build answered ${oracle.category}`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('dist: ESM and CJS load and answer; the core imports no Node built-ins');
