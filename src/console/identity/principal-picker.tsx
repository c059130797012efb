/**
 * Finds a user or a group to pick: type the start of a name, and the first matches appear as
 * radio buttons (arrow keys move between them). Used to assign users and groups to an app and
 * to add members to a group.
 *
 * Example: <PrincipalPicker type="group" selected={picked} onSelect={setPicked} error={errors.fields.principalId} />
 */
import { useEffect, useId, useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import { TextField } from '../ui/field.tsx';
import { useAsync } from '../ui/use-async.ts';

export interface Principal {
  id: string;
  label: string;
  detail: string;
}

const shown = 8;

export function PrincipalPicker(props: {
  type: 'user' | 'group';
  selected: Principal | null;
  onSelect: (principal: Principal | null) => void;
  error?: string | undefined;
}) {
  const { identity } = useApis();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const legendId = useId();
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const matches = useAsync(async (): Promise<Principal[]> => {
    const query = { search: search || undefined, startIndex: 1, count: shown };
    if (props.type === 'user')
      return (await identity.users(query)).items.map((u) => ({
        id: u.id,
        label: u.displayName || u.userPrincipalName,
        detail: u.userPrincipalName,
      }));
    return (await identity.groups(query)).items.map((g) => ({
      id: g.id,
      label: g.displayName,
      detail: g.description ?? (g.securityEnabled ? 'Security group' : 'Distribution group'),
    }));
  }, [search, props.type]);

  const noun = props.type === 'user' ? 'user' : 'group';
  return (
    <div className="picker">
      <TextField
        label={`Find a ${noun}`}
        name="principalSearch"
        type="search"
        value={text}
        onChange={setText}
        hint={props.type === 'user' ? 'Start of a name or email.' : "Start of the group's name."}
        error={props.error}
      />
      <fieldset className="picker-results" aria-describedby={legendId}>
        <legend id={legendId}>
          {props.selected ? `Selected: ${props.selected.label}` : `Choose a ${noun}`}
        </legend>
        {matches.error ? <p className="field-error">{matches.error.message}</p> : null}
        {matches.data?.length === 0 ? <p className="empty">No {noun}s match.</p> : null}
        {matches.data?.map((principal) => (
          <label key={principal.id} className="picker-option">
            <input
              type="radio"
              name={`principal-${legendId}`}
              value={principal.id}
              checked={props.selected?.id === principal.id}
              onChange={() => props.onSelect(principal)}
            />
            <span>
              {principal.label} <span className="muted">{principal.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
