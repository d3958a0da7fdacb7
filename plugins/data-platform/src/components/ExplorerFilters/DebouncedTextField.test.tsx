import { act, fireEvent, render, screen } from '@testing-library/react';
import { DebouncedTextField, FILTER_DEBOUNCE_MS } from './DebouncedTextField';

describe('DebouncedTextField', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function renderField(value = '') {
    const onCommit = jest.fn();
    const result = render(
      <DebouncedTextField label="Search" value={value} onCommit={onCommit} />,
    );
    return { onCommit, input: screen.getByLabelText('Search'), ...result };
  }

  it('commits once typing pauses, not per keystroke', () => {
    const { onCommit, input } = renderField();

    fireEvent.change(input, { target: { value: 'o' } });
    act(() => jest.advanceTimersByTime(FILTER_DEBOUNCE_MS - 1));
    fireEvent.change(input, { target: { value: 'or' } });
    act(() => jest.advanceTimersByTime(FILTER_DEBOUNCE_MS - 1));
    expect(onCommit).not.toHaveBeenCalled();

    act(() => jest.advanceTimersByTime(1));
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(onCommit).toHaveBeenCalledWith('or');
  });

  it('commits at once on Enter', () => {
    const { onCommit, input } = renderField();

    fireEvent.change(input, { target: { value: 'orders' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onCommit).toHaveBeenCalledWith('orders');
  });

  it('follows a value changed from outside', () => {
    const onCommit = jest.fn();
    const { rerender } = render(
      <DebouncedTextField label="Tag" value="gold" onCommit={onCommit} />,
    );
    expect(screen.getByLabelText('Tag')).toHaveValue('gold');

    rerender(<DebouncedTextField label="Tag" value="" onCommit={onCommit} />);
    expect(screen.getByLabelText('Tag')).toHaveValue('');
    act(() => jest.advanceTimersByTime(FILTER_DEBOUNCE_MS));
    expect(onCommit).not.toHaveBeenCalled();
  });
});
