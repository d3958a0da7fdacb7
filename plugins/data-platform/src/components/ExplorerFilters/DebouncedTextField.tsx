import TextField, { TextFieldProps } from '@mui/material/TextField';
import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** How long typing has to pause before a filter applies. */
export const FILTER_DEBOUNCE_MS = 300;

/**
 * A text field that commits its value once typing pauses, or at once on
 * Enter. It follows `value` when that changes from outside (a cleared
 * filter, a clicked tag, the back button).
 */
export function DebouncedTextField(
  props: Omit<TextFieldProps, 'value' | 'onChange'> & {
    value: string;
    onCommit: (value: string) => void;
  },
) {
  const { value, onCommit, onKeyDown, ...rest } = props;
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);

  useEffect(() => {
    // Our own commit coming back must not overwrite what was typed since.
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  const commit = () => {
    if (draft.trim() !== value) {
      committed.current = draft.trim();
      onCommit(draft);
    }
  };

  useDebounce(commit, FILTER_DEBOUNCE_MS, [draft]);

  return (
    <TextField
      {...rest}
      value={draft}
      onChange={event => setDraft(event.target.value)}
      onKeyDown={event => {
        if (event.key === 'Enter') {
          commit();
        }
        onKeyDown?.(event);
      }}
    />
  );
}
