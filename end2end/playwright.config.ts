import { defineConfig, devices } from '@playwright/test';
import { ACCOUNTS, MAIL_DIR, PASSWORD, PORT, SMTP_PORT } from './tests/accounts';

// The server under test: the debug build made by `cargo leptos build`,
// with a fresh in-memory database for every run.
const port = PORT;
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = `target/e2e-data-${port}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // In CI a failed test gets one more try, on the same server: a race
  // that shows once in hundreds of page loads on a busy 2-core machine
  // should not throw away a whole run, but it is never hidden — the
  // digest reporter names every test that needed its retry, with its
  // first error, as the run's last lines. Locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['./reporters/digest.ts']],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'off',
    screenshot: 'only-on-failure',
    // Charts honour reduced motion: no animation to wait for.
    reducedMotion: 'reduce',
  },
  projects: [
    {
      name: 'desktop',
      use: { browserName: 'chromium', viewport: { width: 1280, height: 900 } },
    },
    {
      name: 'phone',
      use: {
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        userAgent: devices['Pixel 7'].userAgent,
      },
    },
  ],
  webServer: [
    {
      // A real SMTP server (aiosmtpd, installed by scripts/setup.sh test)
      // that the app mails through; the tests read MAIL_DIR.
      command: `rm -rf ${MAIL_DIR} && exec tools/smtp-sink/.venv/bin/python tools/smtp-sink/sink.py --port ${SMTP_PORT} --dir ${MAIL_DIR}`,
      cwd: '..',
      port: SMTP_PORT,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      // A fresh embedded database with two admins made by the real
      // `server create-admin` (password on stdin), then the server on it.
      command: [
        `rm -rf ${dataDir}`,
        ...ACCOUNTS.map(
          (a) => `printf '%s\n' "$E2E_PASSWORD" | ./target/debug/server --data-dir ${dataDir} create-admin --email ${a.email} --name ${a.name}`,
        ),
        `exec ./target/debug/server --bind 127.0.0.1:${port} --data-dir ${dataDir}` +
          ` --smtp-url smtp://127.0.0.1:${SMTP_PORT}?tls=none --public-url ${baseURL} --mail-retry-seconds 1`,
      ].join(' && '),
      cwd: '..',
      url: `${baseURL}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      env: { LEPTOS_SITE_ROOT: 'target/site', RUST_LOG: 'warn', E2E_PASSWORD: PASSWORD },
    },
  ],
});
