/**
 * Writes N cases as NDJSON for `overturn batch`: the example cases and the inputs of fixtures/cases (those
 * that analyse without an error), cycled, each copy with all of its dates shifted by up to ±2 years.
 * Run: npx tsx bench/batch-input.ts 1000000 /tmp/cases.ndjson
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { sampleCases, shiftedCase } from '../test/_helpers/sampleCases.js';

const [count = '100000', file = '/tmp/cases.ndjson'] = process.argv.slice(2);
const total = Number(count);
if (!Number.isInteger(total) || total < 0) throw new Error(`usage: batch-input.ts <count> <file.ndjson>`);

const samples = sampleCases();

const out = createWriteStream(file);
let bytes = 0;
for (let index = 0; index < total; index++) {
  const sample = samples[index % samples.length] as Record<string, unknown>;
  const line = `${JSON.stringify(shiftedCase(sample, ((index * 37) % 1461) - 730))}\n`;
  bytes += Buffer.byteLength(line);
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
process.stderr.write(
  `${file}: ${total} cases (${samples.length} samples cycled), ${(bytes / 1e6).toFixed(1)} MB\n`,
);
