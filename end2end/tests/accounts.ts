/** The test accounts the server is started with (see playwright.config.ts). */
export const PASSWORD = process.env.E2E_PASSWORD ?? 'e2e-salasana-123';

export const ACCOUNTS = [
  { key: 'Aino', email: 'aino@e2e.test', name: 'Aino' },
  { key: 'Bertta', email: 'bertta@e2e.test', name: 'Bertta' },
];
