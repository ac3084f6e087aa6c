import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (no browser download) against
// dev-api serving the release build, on a port of their own.
const port = Number(process.env.RANTAI_E2E_PORT ?? 8090);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two spec files at a time (a spec's own tests in order): the suite takes
  // 6.6 min instead of 12.0 on this 2-core machine. Specs never share a
  // person: each signs in a number of its own (newPhone), since the server
  // sends a number one code a minute; only sign-in.spec uses the demo owner.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 360, height: 740 },
    locale: 'id-ID',
    // The service worker (public/sw.js) would answer the app's requests from
    // its caches and fetch every area in the background: each spec sees the
    // app's own requests instead. offline.spec.ts lets it run.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // A fresh database each run (seeding takes under a second), with --dev so
  // tests can read one-time codes.
  // A second one's sessions idle out after 20 s, for the timeout tests; a
  // third fails 30 % of API requests (before or after the write), for the
  // wizard's resilience test.
  webServer: [
    {
      command: `rm -f target/e2e.sqlite* && target/release/dev-api --port ${port} --dev --db target/e2e.sqlite --static dist`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -f target/e2e-short.sqlite* && target/release/dev-api --port ${port + 2} --dev --idle-seconds 20 --db target/e2e-short.sqlite --static dist`,
      url: `http://127.0.0.1:${port + 2}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -f target/e2e-faulty.sqlite* && target/release/dev-api --port ${port + 4} --dev --fault-rate 0.3 --db target/e2e-faulty.sqlite --static dist`,
      url: `http://127.0.0.1:${port + 4}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // A fourth drops an upload's connection at every 100,000 bytes it
    // receives, for the resumable uploads; a fifth at every 2 MB, for a large
    // document (each byte should arrive about once).
    {
      command: `rm -f target/e2e-drops.sqlite* && target/release/dev-api --port ${port + 6} --dev --drop-upload-after 100000 --db target/e2e-drops.sqlite --static dist`,
      url: `http://127.0.0.1:${port + 6}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -f target/e2e-drops-mb.sqlite* && target/release/dev-api --port ${port + 8} --dev --drop-upload-after 2000000 --db target/e2e-drops-mb.sqlite --static dist`,
      url: `http://127.0.0.1:${port + 8}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // A bad mobile network for the onboarding journey: 30 % of API requests
    // fail, each waits 300 ms, and an upload's connection drops at every
    // 150,000 bytes it receives.
    {
      command: `rm -f target/e2e-journey.sqlite* && target/release/dev-api --port ${port + 10} --dev --fault-rate 0.3 --latency-ms 300 --drop-upload-after 150000 --db target/e2e-journey.sqlite --static dist`,
      url: `http://127.0.0.1:${port + 10}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
