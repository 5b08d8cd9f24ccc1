// Runs the date-sensitive suites under several time zones: results must not depend on the local zone.
//
// Each zone is its own vitest process (TZ is read when node starts), two at a time: on CI's two-core machine a
// run is half import and start-up, so two overlap well (four zones one after another took 80 s of the ten-minute
// budget, two by two about 50 s). A zone's output is printed whole when it ends, so zones never interleave.
import { spawn } from 'node:child_process';

const zones = ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kolkata'];
const suites = [
  'test/dates',
  'test/computeAppealDeadline.test.ts',
  'test/fixtures.deadlines.test.ts',
  'test/fixtures.cases.test.ts',
  'test/toICalendar.test.ts',
];
const AT_ONCE = 2;

/** One zone's run: its exit status and everything it printed, in order. */
function runZone(zone) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--reporter=dot', ...suites], {
      env: { ...process.env, TZ: zone },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ zone, status: 1, output: [Buffer.from(String(error))] }));
    child.on('close', (status) => resolve({ zone, status: status ?? 1, output }));
  });
}

const queue = [...zones];
const failed = [];
async function worker() {
  for (let zone = queue.shift(); zone !== undefined; zone = queue.shift()) {
    const { status, output } = await runZone(zone);
    process.stdout.write(`\n--- TZ=${zone} ---\n`);
    process.stdout.write(Buffer.concat(output));
    if (status !== 0) failed.push(zone);
  }
}
await Promise.all(Array.from({ length: AT_ONCE }, worker));
if (failed.length) {
  console.error(`date suites failed under TZ=${failed.join(', ')}`);
  process.exit(1);
}
console.log(`date suites passed under TZ=${zones.join(', ')}`);
