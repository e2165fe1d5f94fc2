// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RowActions } from './RowActions';

afterEach(cleanup);

function renderRow() {
  const onEdit = vi.fn();
  const onDelete = vi.fn(async () => {});
  render(
    <table>
      <tbody>
        <tr>
          <RowActions name="10.9.9.9" onEdit={onEdit} onDelete={onDelete} />
        </tr>
      </tbody>
    </table>,
  );
  return { onEdit, onDelete };
}

describe('the Edit and Delete cell of an admin row', () => {
  test('when Delete is pressed then nothing is deleted until confirmed; Keep goes back without deleting', async () => {
    const { onDelete } = renderRow();

    await userEvent.click(screen.getByRole('button', { name: 'Delete 10.9.9.9' }));
    expect(screen.getByRole('group', { name: 'Delete 10.9.9.9?' })).toBeTruthy();
    expect(onDelete).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Edit 10.9.9.9' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Delete 10.9.9.9' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
  });

  test('when Edit is pressed then the row asks to be edited and deletes nothing', async () => {
    const { onEdit, onDelete } = renderRow();

    await userEvent.click(screen.getByRole('button', { name: 'Edit 10.9.9.9' }));

    expect(onEdit).toHaveBeenCalledTimes(1);
    expect(onDelete).not.toHaveBeenCalled();
  });
});
