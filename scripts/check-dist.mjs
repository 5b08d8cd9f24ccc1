// After the build: the published entry points load as ESM and CJS, answer, and the library core
// (index, reference) imports no Node built-ins, so it also runs in browsers and edge runtimes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const failures = [];
// The entries and the chunks they share (index and reference are split into one chunk per format).
const library = readdirSync('dist')
  .filter((name) => /\.(c?js)$/.test(name) && name !== 'cli.js')
  .map((name) => `dist/${name}`);
if (!library.some((file) => file.startsWith('dist/chunk-'))) failures.push('dist/ has no shared chunk');
for (const file of library) {
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
  const analysis = api.analyzeCase({
    denial: { codes: ['CO-50'] },
    planType: 'medicare_original',
    noticeDate: '2026-01-02',
  });
  const submit = analysis.checklist.items.find((item) => item.id === 'submit_written_appeal');
  if (submit?.dueDate !== '2026-05-07') failures.push(`${name} build dated the appeal ${submit?.dueDate}`);
  if (!api.toICalendar(analysis).includes('DTSTART;VALUE=DATE:20260507'))
    failures.push(`${name} build wrote no deadline event`);
}
// The bin as published: the bundled CLI runs the demo case.
const cli = spawnSync(
  process.execPath,
  ['dist/cli.js', 'analyze', 'examples/medicare-redetermination.json'],
  {
    encoding: 'utf8',
  },
);
if (cli.status !== 0 || !cli.stdout.includes('Thursday 2026-05-07'))
  failures.push(`dist/cli.js analyze exited ${cli.status}: ${cli.stderr}`);
const reference = await import('../dist/reference.js');
// An error thrown by one bundle is an OverturnError to the others (each bundles its own copy of the class).
try {
  await reference.createReferenceOverturn().classifyDenial({ codes: 'CO-50' });
  failures.push('reference build accepted a bad input');
} catch (error) {
  if (!(error instanceof esm.OverturnError) || !(error instanceof cjs.OverturnError))
    failures.push('an error from overturn/reference is not instanceof the OverturnError of overturn');
}
const oracle = await reference.createReferenceOverturn().classifyDenial({ codes: ['CO-197'] });
if (oracle.category !== 'prior_authorization') failures.push(`reference build answered ${oracle.category}`);
// Bundled packages travel with their licences (tsup.config.ts writes these from esbuild's list of inputs).
for (const [file, must] of [
  ['dist/index.LICENSES.txt', 'zod@'],
  ['dist/index.LICENSES.txt', 'wink-porter2-stemmer@'],
  ['dist/cli.LICENSES.txt', 'commander@'],
]) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!text.includes(must) || !/Permission is hereby granted/.test(text))
    failures.push(`${file} does not carry the licence of ${must.slice(0, -1)}`);
}
// One copy of the rule data per format: the command imports the library's ESM chunk (tsup.config.ts).
for (const extension of ['.js', '.cjs']) {
  const holders = readdirSync('dist').filter(
    (name) =>
      name.endsWith(extension) &&
      readFileSync(`dist/${name}`, 'utf8').includes('schemas/classification-carc.schema.json'),
  );
  if (holders.length !== 1)
    failures.push(
      `the rule data is in ${holders.length} ${extension} files of dist/ (${holders.join(', ')})`,
    );
}
// The built code is ASCII: one other character makes V8 hold a whole file as two-byte text (tsup.config.ts).
for (const file of readdirSync('dist').filter((name) => /\.(c?js)$/.test(name))) {
  if (/[\u0080-\uffff]/.test(readFileSync(`dist/${file}`, 'utf8')))
    failures.push(`dist/${file} holds a character beyond ASCII`);
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(
  'dist: ESM and CJS load and answer, the CLI runs; the core imports no Node built-ins; bundled packages carry their licences',
);
