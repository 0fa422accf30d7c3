/**
 * Who our browser extension is, so the admin API can answer it and nobody else (see
 * proxy/admin/cors.ts). Chrome derives an unpacked extension's id from its manifest `key`, without
 * one from the folder it was loaded from; the key pins it. The key is the public half of an RSA pair
 * made once for this purpose; the private half was not kept, since nothing is signed with it (a store
 * signs the packages it ships). test/unit/extension/identity.test.ts checks that the id is the key's.
 */
export const CHROME_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzjL5os3jetOmDTjkNW6467E8jGJR7oe8aPn7uU7wlDKgHPTFWiosfIlwbJ2RBXTVy1zKP1iIRH0fb+S6rO86gqV2xVwFAlp8NnEzeFIP/jgOh0P3uhiaRn/CVC8EbYw/WZdGXoUDZvnwZmmAAEiO7prtnA0Jsg+prvimyKO45li7K0lZ2II/ddwtcFdgAkCMj3tppEuYDPzJv+rcXJDaqoZ8/bzFDt7isRKO/UKp1GwTCOkMFtQAuOMjUvKfal8CVckMuPjzHEg1B+TUiRiGdNOGoScicBftM62JaoSeEh5yw19f0i0CryTjvnWc8mSPHpI4JEj1DC/R44NAPvnC+wIDAQAB';

/** The first 128 bits of sha256(key) written with the letters a–p, as Chrome does. */
export const CHROME_EXTENSION_ID = 'ofngllgdjnfakndbaaabhlboogjpefnn';

/** The origin of our extension's pages in Chrome: the admin API's default CORS allow-list. */
export const CHROME_EXTENSION_ORIGIN = `chrome-extension://${CHROME_EXTENSION_ID}`;
