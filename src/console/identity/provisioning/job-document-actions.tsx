/**
 * Export and import of the whole job (settings and mappings, never the credentials) as one JSON
 * document: Export downloads it; Import reads a chosen file, checks that it is JSON, and sends it;
 * the server checks every part before anything changes, and its refusal shows here in words.
 *
 * Example: <JobDocumentActions app={app} onImported={(message) => reload()} />
 */
import { useId, useRef } from 'react';
import { useApis } from '../../api/api-context.tsx';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import { useAction } from '../../ui/use-action.ts';

/** The document in a file's text, or an Error in words. */
export function parseJobDocument(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${fileName} is not JSON (${(error as Error).message}); choose a file made by Export.`,
    );
  }
}

export function JobDocumentActions(props: {
  app: EnterpriseApp;
  onImported: (message: string) => void | Promise<void>;
}) {
  const { provisioning } = useApis();
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const input = useRef<HTMLInputElement>(null);
  const importing = useAction(async (file: File) => {
    const document = parseJobDocument(await file.text(), file.name);
    await provisioning.importDocument(props.app.id, document);
    await props.onImported(
      `Imported ${file.name}: its settings and mappings are in use; the next cycle is initial.`,
    );
  });

  return (
    <>
      <a className="button" href={provisioning.exportUrl(props.app.id)} download>
        Export the job (JSON)
      </a>
      <span className="file-pick">
        <label htmlFor={inputId} className="button">
          Import a job…
        </label>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-invalid={importing.errors.form ? true : undefined}
          aria-describedby={importing.errors.form ? errorId : undefined}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) await importing.run(file);
            if (input.current) input.current.value = '';
          }}
        />
      </span>
      {importing.busy ? <span role="status">Importing…</span> : null}
      {importing.errors.form ? (
        <p className="field-error" id={errorId} role="alert">
          The import was refused: {importing.errors.form}
        </p>
      ) : null}
    </>
  );
}
