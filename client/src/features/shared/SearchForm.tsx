import type { FormEvent } from 'react';

interface Props {
  value: string;
  onChange(value: string): void;
  /** What is searched, as the placeholder ("value, reason or owner"). */
  placeholder: string;
  /** Searching on submit (a Search button); without it the list filters as one types. */
  onSubmit?(): void;
}

/** The search box of an admin list, in a search landmark. */
export function SearchForm({ value, onChange, placeholder, onSubmit }: Props) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };
  return (
    <form role="search" onSubmit={submit}>
      <label>
        Search
        <input type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
      </label>
      {onSubmit && <button type="submit">Search</button>}
    </form>
  );
}
