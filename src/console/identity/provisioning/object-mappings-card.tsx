/**
 * Mappings (the tutorial's "Under the Mappings section, select Synchronize … users"): the job's
 * object mappings, each a link to its attribute mappings and scoping filters, with whether it
 * is enabled and its target actions; Restore default mappings; Export and Import of the job.
 *
 * Example: <ObjectMappingsCard app={app} base="/identity/apps/…/provisioning" canEdit />
 */
import { useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import { Link } from '../../router.tsx';
import { ErrorAlert, Notice } from '../../ui/alert.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Loaded } from '../../ui/loaded.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useAsync } from '../../ui/use-async.ts';
import { JobDocumentActions } from './job-document-actions.tsx';

const actionWords = { create: 'Create', update: 'Update', delete: 'Delete' } as const;

export function ObjectMappingsCard(props: { app: EnterpriseApp; base: string; canEdit: boolean }) {
  const { provisioning } = useApis();
  const mappings = useAsync(() => provisioning.mappings(props.app.id), [props.app.id]);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');
  const restore = useAction(async () => {
    await provisioning.restoreDefaults(props.app.id);
    await mappings.reload();
    setNotice('The default mappings of the gallery template are back; the next cycle is initial.');
  });

  return (
    <section className="card" aria-labelledby="mappings-heading">
      <h2 id="mappings-heading">Mappings</h2>
      <p className="muted">
        Which directory objects go to {props.app.name}, and how their attributes map. Select a
        mapping to edit it.
      </p>
      <Loaded state={mappings} what="mappings">
        {(config) => (
          <table className="table">
            <caption className="visually-hidden">Object mappings</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Enabled</th>
                <th scope="col">Target object actions</th>
              </tr>
            </thead>
            <tbody>
              {config.objectMappings.map((mapping, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an object mapping is its position
                <tr key={`${mapping.name}-${index}`}>
                  <td>
                    <Link to={`${props.base}/configure/mappings/${index}`}>
                      Synchronize directory {mapping.source}s to {props.app.name}
                    </Link>
                    <span className="muted"> ({mapping.name})</span>
                  </td>
                  <td>{mapping.enabled ? 'Yes' : 'No'}</td>
                  <td>{mapping.actions.map((a) => actionWords[a]).join(', ') || 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <Notice>{notice}</Notice>
      <ErrorAlert message={restore.errors.form} />
      {props.canEdit ? (
        <div className="form-actions">
          <button type="button" onClick={() => setConfirming(true)}>
            Restore default mappings
          </button>
          <JobDocumentActions
            app={props.app}
            onImported={async (message) => {
              setNotice(message);
              await mappings.reload();
            }}
          />
        </div>
      ) : null}
      {confirming ? (
        <Dialog title="Restore default mappings?" onClose={() => setConfirming(false)}>
          <p>
            Every attribute mapping and scoping filter goes back to the gallery template's. Your
            changes are lost (export the job first to keep them).
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={restore.busy}
              onClick={async () => {
                if ((await restore.run()).ok) setConfirming(false);
              }}
            >
              Restore
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
          <ErrorAlert message={restore.errors.form} />
        </Dialog>
      ) : null}
    </section>
  );
}
