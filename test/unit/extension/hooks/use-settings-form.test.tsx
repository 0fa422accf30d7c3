// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { useSettingsForm } from '../../../../extension/hooks/useSettingsForm.ts';
import type { Settings } from '../../../../extension/lib/settings.ts';

afterEach(cleanup);

function Form({ load }: { load: () => Promise<Settings> }) {
  const { settings, edit } = useSettingsForm(load);
  return (
    <>
      <input aria-label="Admin API URL" value={settings.apiUrl} onInput={(event) => edit({ apiUrl: event.currentTarget.value })} />
      <input aria-label="Token" value={settings.token} onInput={(event) => edit({ token: event.currentTarget.value })} />
    </>
  );
}

const field = (name: string) => screen.getByRole<HTMLInputElement>('textbox', { name });

it('a token pasted before the stored settings arrive stays, and the stored URL fills the field left alone', async () => {
  let answer: (settings: Settings) => void = () => {};
  const load = () => new Promise<Settings>((resolve) => (answer = resolve));
  render(<Form load={load} />);
  fireEvent.input(field('Token'), { target: { value: 'pa_pasted' } });
  answer({ apiUrl: 'http://127.0.0.1:7070', token: '' });
  await expect.poll(() => field('Admin API URL').value).toBe('http://127.0.0.1:7070');
  expect(field('Token').value).toBe('pa_pasted');

  fireEvent.input(field('Admin API URL'), { target: { value: 'http://127.0.0.1:7071' } });
  expect(field('Admin API URL').value).toBe('http://127.0.0.1:7071');
  expect(field('Token').value).toBe('pa_pasted');
});
