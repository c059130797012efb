/**
 * Search and state for a directory list: a prefix search (userPrincipalName, displayName or
 * mail; groups by displayName) and Active / Deleted / All, applied with Enter or the button.
 * A search error from the API shows next to the box.
 *
 * Example: <DirectoryToolbar noun="users" onApply={(search, state) => setQuery({ search, state })} />
 */
import { useState } from 'react';
import { SelectField, TextField } from '../ui/field.tsx';

export type DirectoryState = 'active' | 'deleted' | 'all';

export function DirectoryToolbar(props: {
  noun: string;
  hint: string;
  searchError?: string | undefined;
  onApply: (search: string, state: DirectoryState) => void;
}) {
  const [search, setSearch] = useState('');
  const [state, setState] = useState<DirectoryState>('active');
  return (
    <search>
      <form
        className="toolbar"
        aria-label={`Search ${props.noun}`}
        onSubmit={(event) => {
          event.preventDefault();
          props.onApply(search.trim(), state);
        }}
      >
        <TextField
          label={`Search ${props.noun}`}
          name="search"
          type="search"
          value={search}
          onChange={setSearch}
          hint={props.hint}
          error={props.searchError}
        />
        <SelectField
          label="Show"
          name="state"
          value={state}
          onChange={(value) => {
            setState(value as DirectoryState);
            props.onApply(search.trim(), value as DirectoryState);
          }}
          options={[
            { value: 'active', label: 'Active' },
            { value: 'deleted', label: 'Deleted (restorable)' },
            { value: 'all', label: 'All' },
          ]}
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
