// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FileTextField } from './FileTextField';

afterEach(cleanup);

const field = (onText: (text: string) => void) =>
  render(<FileTextField label="Playbook file" accept=".json" max={10} maxWords="10 bytes" onText={onText} />);

describe('FileTextField', () => {
  test('when a file is chosen then its text is handed over and nothing is told under the field', async () => {
    const onText = vi.fn();
    field(onText);
    await userEvent.upload(screen.getByLabelText('Playbook file'), new File(['{"a":1}'], 'p.json'));
    await vi.waitFor(() => expect(onText).toHaveBeenCalledWith('{"a":1}'));
    expect(screen.getByLabelText('Playbook file').getAttribute('aria-invalid')).toBe('false');
  });

  test('when the file is larger than the limit then it is not read and the refusal names the file and the limit', async () => {
    const onText = vi.fn();
    field(onText);
    await userEvent.upload(screen.getByLabelText('Playbook file'), new File(['x'.repeat(11)], 'big.json'));
    expect(await screen.findByText('big.json is larger than 10 bytes')).toBeTruthy();
    expect(screen.getByLabelText('Playbook file').getAttribute('aria-invalid')).toBe('true');
    expect(onText).not.toHaveBeenCalled();
  });
});
