/**
 * Writes an X12 835 with N claims for `overturn batch`: one interchange, one group, transactions of 10,000
 * claims each (a payer's payment run), every claim denied at claim level or on a service line with a
 * rotating set of adjustment reasons. Synthetic: made-up ids and amounts, no real data.
 * Run: npx tsx bench/x12-input.ts 1000000 /tmp/remit.835
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const [count = '100000', file = '/tmp/remit.835'] = process.argv.slice(2);
const total = Number(count);
if (!Number.isInteger(total) || total < 0) throw new Error('usage: x12-input.ts <claims> <file.835>');
const PER_TRANSACTION = 10_000;
const REASONS = [
  ['CO', '50', 'N115'],
  ['CO', '197', 'N54'],
  ['CO', '16', 'M127'],
  ['CO', '29', ''],
  ['PR', '204', 'N130'],
  ['CO', '97', 'M15'],
] as const;

const out = createWriteStream(file);
let bytes = 0;
const write = async (text: string) => {
  bytes += text.length;
  if (!out.write(text)) await once(out, 'drain');
};
const transactions = Math.ceil(total / PER_TRANSACTION);
await write(
  'ISA*00*          *00*          *ZZ*SYNPAYER01     *ZZ*SYNPROV01      *260112*0930*^*00501*000000901*0*T*:~\n',
);
await write('GS*HP*SYNPAYER01*SYNPROV01*20260112*0930*901*X*005010X221A1~\n');
for (let t = 0; t < transactions; t++) {
  const control = String(t + 1).padStart(4, '0');
  const lines = [
    `ST*835*${control}*005010X221A1~`,
    'BPR*H*0*C*NON************20260109~',
    `TRN*1*EFT${control}*1999999999~`,
    'DTM*405*20260108~',
    'N1*PR*SYNTHETIC HEALTH PLAN~',
    'N1*PE*EXAMPLE PROVIDER GROUP*XX*1999999980~',
    'LX*1~',
  ];
  let segments = lines.length;
  await write(`${lines.join('\n')}\n`);
  const claims = Math.min(PER_TRANSACTION, total - t * PER_TRANSACTION);
  for (let c = 0; c < claims; c++) {
    const n = t * PER_TRANSACTION + c;
    const [group, carc, rarc] = REASONS[n % REASONS.length] as (typeof REASONS)[number];
    const claim = [
      `CLP*PCN-${n}*1*1200*0**12*SYN${n}*11*1~`,
      `NM1*QC*1*SAMPLE*PATIENT****MI*MEM${n}~`,
      'SVC*HC:29881*1200*0**1~',
      'DTM*472*20251215~',
      `CAS*${group}*${carc}*1200~`,
      ...(rarc ? [`LQ*HE*${rarc}~`] : []),
    ];
    segments += claim.length;
    await write(`${claim.join('\n')}\n`);
  }
  await write(`SE*${segments + 1}*${control}~\n`);
}
await write(`GE*${transactions}*901~\nIEA*1*000000901~\n`);
out.end();
await once(out, 'finish');
process.stderr.write(
  `${file}: ${total} claims in ${transactions} transactions, ${(bytes / 1e6).toFixed(1)} MB\n`,
);
