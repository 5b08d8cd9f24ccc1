// Runs the date-sensitive suites under several time zones: results must not depend on the local zone.
import { spawnSync } from 'node:child_process';

const zones = ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kolkata'];
const suites = [
  'test/dates',
  'test/computeAppealDeadline.test.ts',
  'test/fixtures.deadlines.test.ts',
  'test/fixtures.cases.test.ts',
  'test/toICalendar.test.ts',
];

for (const zone of zones) {
  const result = spawnSync('npx', ['vitest', 'run', '--reporter=dot', ...suites], {
    stdio: 'inherit',
    env: { ...process.env, TZ: zone },
  });
  if (result.status !== 0) {
    console.error(`date suites failed under TZ=${zone}`);
    process.exit(result.status ?? 1);
  }
}
