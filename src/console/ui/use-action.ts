/**
 * Runs a form's submit action: `busy` while it runs, and the API's refusal split into field
 * errors and a form error (form-errors.ts). Resolves to `{ ok: true, value }`, or
 * `{ ok: false }` when it failed (the errors are then on screen).
 *
 * Example: const save = useAction((v) => api.updateUser(id, v), ['jobTitle']);
 *          const result = await save.run(values); if (result.ok) show(result.value);
 */
import { useCallback, useRef, useState } from 'react';
import { errorsFrom, type FormErrors, noErrors } from './form-errors.ts';

export type Outcome<R> = { ok: true; value: R } | { ok: false };

export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  fields: readonly string[] = [],
  fallbackField?: string,
) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const latest = useRef(action);
  latest.current = action;
  const fieldList = fields.join('\n');

  const run = useCallback(
    async (...args: A): Promise<Outcome<R>> => {
      setBusy(true);
      setErrors(noErrors);
      try {
        return { ok: true, value: await latest.current(...args) };
      } catch (error) {
        setErrors(errorsFrom(error, fieldList ? fieldList.split('\n') : [], fallbackField));
        return { ok: false };
      } finally {
        setBusy(false);
      }
    },
    [fieldList, fallbackField],
  );
  const clear = useCallback(() => setErrors(noErrors), []);
  return { run, busy, errors, clear };
}
