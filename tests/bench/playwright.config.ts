// `scripts/bench`'s browser figures (printed, not asserted): the release
// build served by dev-api, the same Chromium as the e2e tests. The server
// has --dev (the roster bench signs the demo staff in with the code dev-api
// shows) and gives the demo cooperative 500 members.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.RANTAI_BENCH_PORT ?? 8097);

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 120_000,
  workers: 1,
  reporter: 'list',
  outputDir: '../../target/bench-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 360, height: 740 },
    locale: 'id-ID',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -f ../../target/bench.sqlite* && ../../target/release/dev-api --port ${port} --dev --seed-members 500 --db ../../target/bench.sqlite --static ../../dist --region-data ../../node_modules/idn-area-data/data`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
