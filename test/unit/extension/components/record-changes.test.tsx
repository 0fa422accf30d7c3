// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordChanges } from '../../../../extension/components/RecordChanges.tsx';

describe('record changes: arrays element by element', () => {
  afterEach(cleanup);

  it('shows a changed field of an element by its path, and elements added or removed as such', () => {
    render(
      <RecordChanges
        changes={[
          { field: 'contacts[id=3].phone', before: '555-0101', after: '555-0199' },
          { field: 'contacts[id=4]', before: { id: 4, name: 'Ann' }, after: null },
          { field: 'contacts[id=5]', before: null, after: { id: 5, name: 'Sue' } },
          { field: '…', before: null, after: 'more changes not listed (at most 200)' },
        ]}
      />,
    );
    const [phone, removed, added, more] = screen.getAllByTestId('field-change');
    expect(within(phone!).getByRole('rowheader').textContent).toBe('contacts[id=3].phone');
    expect(phone!.querySelector('.before')!.textContent).toBe('555-0101');
    expect(within(removed!).getByRole('rowheader').textContent).toBe('contacts[id=4] removed');
    expect(removed!.querySelector('.before')!.textContent).toBe('id: 4, name: Ann');
    expect(within(added!).getByRole('rowheader').textContent).toBe('contacts[id=5] added');
    expect(added!.querySelector('.after')!.textContent).toBe('id: 5, name: Sue');
    expect(more!.textContent).toBe('more changes not listed (at most 200)');
  });
});
