export interface Settings {
  apiUrl: string;
  token: string;
}

/** Nothing until the admin pastes what npm start printed; the options page shows an example as placeholder. */
export const DEFAULT_SETTINGS: Settings = { apiUrl: '', token: '' };

/** Where npm start puts the admin API unless configured otherwise: the URL field's placeholder. */
export const EXAMPLE_API_URL = 'http://127.0.0.1:7070';
