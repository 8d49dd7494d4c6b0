/** The test accounts the server is started with (see playwright.config.ts). */
export const PASSWORD = process.env.E2E_PASSWORD ?? 'e2e-salasana-123';

export const ACCOUNTS = [
  { key: 'Aino', email: 'aino@e2e.test', name: 'Aino' },
  { key: 'Bertta', email: 'bertta@e2e.test', name: 'Bertta' },
];

/** The port of the run's server (playwright.config.ts). */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The test mail server (tools/smtp-sink) the app mails through. */
export const SMTP_PORT = PORT + 1;
/** Where the test mail server writes each message it takes, relative to
 *  the repository root. */
export const MAIL_DIR = `target/e2e-mail-${PORT}`;
