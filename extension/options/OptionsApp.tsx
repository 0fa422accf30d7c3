import { useState } from 'preact/hooks';
import { ApiClient, failureMessage } from '../api/client.ts';
import { LogIntegrity } from '../components/LogIntegrity.tsx';
import { WitnessSetup } from '../components/WitnessSetup.tsx';
import { browserWitnessStorage } from '../lib/witness-storage.ts';
import { RuleCoverage } from '../components/RuleCoverage.tsx';
import { requestHostPermission } from '../lib/host-permission.ts';
import { loadSettings, saveSettings } from '../lib/storage.ts';
import { EXAMPLE_API_URL } from '../lib/settings.ts';
import { useSettingsForm } from '../hooks/useSettingsForm.ts';
import { detach } from '../lib/detach.ts';

type Status = { tone: 'ok' | 'error' | 'info'; text: string } | null;

/** Where the admin API is and the token to use; "Test connection" says plainly what is wrong. */
export function OptionsApp() {
  const { settings, edit } = useSettingsForm(loadSettings);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [access, setAccess] = useState<string | null>(null);

  const submit = (test: boolean) => {
    // The permission prompt only shows inside the click's user gesture: ask before any await. It is not
    // waited for: the API answers extension origins by CORS anyway, and a prompt left open must not
    // hold up saving or testing.
    setAccess(null);
    requestHostPermission(settings.apiUrl).then(
      (granted) => setAccess(granted ? null : `Access to ${settings.apiUrl} was not granted; if searches fail, save again and allow it.`),
      () => setAccess(null),
    );
    setBusy(true);
    setStatus({ tone: 'info', text: test ? 'Testing…' : 'Saving…' });
    detach(
      (async () => {
        try {
          const clean = { apiUrl: settings.apiUrl.trim().replace(/\/+$/, ''), token: settings.token.trim() };
          await saveSettings(clean);
          edit(clean);
          if (!test) {
            setStatus({ tone: 'ok', text: 'Saved.' });
            return;
          }
          const me = await new ApiClient({ baseUrl: clean.apiUrl, token: clean.token }).me();
          setStatus({
            tone: 'ok',
            text: `Connected as ${me.name} (${me.role})${me.role === 'auditor' ? ' — searching and copying work; exporting (Download CSV) needs an admin token, so it is not offered.' : ''}`,
          });
        } catch (error) {
          setStatus({ tone: 'error', text: failureMessage(error) });
        } finally {
          setBusy(false);
        }
      })(),
    );
  };

  return (
    <main class="options">
      <h1>Portal Audit — options</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(false);
        }}
      >
        <label class="field">
          <span>Admin API URL</span>
          <input name="apiUrl" type="url" required placeholder={EXAMPLE_API_URL} value={settings.apiUrl} onInput={(event) => edit({ apiUrl: event.currentTarget.value })} />
          <small class="muted">
            Printed by <code>npm start</code> as “Admin API”, for example {EXAMPLE_API_URL}.
          </small>
        </label>
        <label class="field">
          <span>Token</span>
          <input name="token" type="password" autoComplete="off" placeholder="pa_…" value={settings.token} onInput={(event) => edit({ token: event.currentTarget.value })} />
          <small class="muted">
            Printed once by <code>npm start</code> (also in the data directory’s <code>initial-admin-token</code>), or made with <code>portal-audit token create</code>.
          </small>
        </label>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Save
          </button>
          <button type="button" disabled={busy} onClick={() => submit(true)}>
            Test connection
          </button>
        </div>
      </form>
      {access && <p class="status muted">{access}</p>}
      {status && (
        <p class={`status status-${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'} data-testid="options-status">
          {status.text}
        </p>
      )}
      <LogIntegrity check={(fingerprint) => new ApiClient({ baseUrl: settings.apiUrl, token: settings.token }).verify(fingerprint)} />
      <WitnessSetup client={new ApiClient({ baseUrl: settings.apiUrl, token: settings.token })} storage={browserWitnessStorage} />
      <RuleCoverage load={() => new ApiClient({ baseUrl: settings.apiUrl, token: settings.token }).coverage()} />
    </main>
  );
}
