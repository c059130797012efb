/**
 * The state of the object mapping editor: the mapping being edited (a copy of the saved one),
 * which attribute is open in the Edit Attribute dialog, the last Save's issues by place, and
 * Save / Discard. Save sends the whole configuration with this mapping replaced.
 *
 * Example: <MappingEditorBody app={app} config={config} index={0} canEdit sourceList="s" targetList="t" />
 */
import { useEffect, useRef, useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type {
  AttributeMapping,
  MappingConfig,
  ObjectMapping,
} from '../../api/provisioning-types.ts';
import { Notice } from '../../ui/alert.tsx';
import { AttributeMappingDialog } from './attribute-mapping-dialog.tsx';
import { AttributeMappingTable } from './attribute-mapping-table.tsx';
import { MappingHead } from './mapping-head.tsx';
import {
  countIssues,
  issuesOf,
  type LocatedIssues,
  locateIssues,
  noIssues,
} from './mapping-issues.ts';
import { ScopingFilterBuilder } from './scoping-filter-builder.tsx';

/** The configuration with mapping `index` replaced by `mapping`. */
export function withMapping(
  config: MappingConfig,
  index: number,
  mapping: ObjectMapping,
): MappingConfig {
  return { objectMappings: config.objectMappings.map((m, i) => (i === index ? mapping : m)) };
}

export function MappingEditorBody(props: {
  app: EnterpriseApp;
  config: MappingConfig;
  index: number;
  canEdit: boolean;
  sourceList: string;
  targetList: string;
}) {
  const { provisioning } = useApis();
  const [saved, setSaved] = useState(props.config);
  const [draft, setDraft] = useState<ObjectMapping>(() =>
    structuredClone(props.config.objectMappings[props.index]!),
  );
  const [located, setLocated] = useState<LocatedIssues>(noIssues);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [testUser, setTestUser] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  /** Set by a refused Save: the focus moves to the summary of its problems, once. */
  const refused = useRef(false);
  const issueCount = countIssues(located);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved.objectMappings[props.index]);
  const readOnly = !props.canEdit;
  useEffect(() => {
    if (!refused.current || countIssues(located) === 0) return;
    refused.current = false;
    summary.current?.focus();
  }, [located]);

  const change = (next: ObjectMapping, clear?: 'attributes' | 'clauses') => {
    setNotice('');
    setDraft(next);
    if (clear) setLocated((old) => ({ ...old, [clear]: {} }));
  };
  const setAttributes = (attributeMappings: AttributeMapping[], structural: boolean) =>
    change({ ...draft, attributeMappings }, structural ? 'attributes' : undefined);

  async function save() {
    setBusy(true);
    setNotice('');
    try {
      const next = await provisioning.setMappings(
        props.app.id,
        withMapping(saved, props.index, draft),
      );
      setSaved(next);
      setDraft(structuredClone(next.objectMappings[props.index]!));
      setLocated(noIssues());
      setNotice('Saved. The next cycle is an initial one, so every object gets the new mappings.');
    } catch (error) {
      refused.current = true;
      setLocated(locateIssues(issuesOf(error), props.index));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">
        Attribute Mapping: synchronize directory {draft.source}s to {props.app.name}
      </h2>
      {issueCount > 0 ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={summary}>
          {issueCount === 1 ? 'One problem stops' : `${issueCount} problems stop`} the save; each is
          shown next to what it is about.
          {located.other.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      ) : null}
      <MappingHead
        draft={draft}
        onChange={(next) => change(next)}
        issues={located.mapping}
        readOnly={readOnly}
      />
      <ScopingFilterBuilder
        groups={draft.scopingFilters ?? []}
        onChange={(groups, structural) =>
          change({ ...draft, scopingFilters: groups }, structural ? 'clauses' : undefined)
        }
        issues={located.clauses}
        attributeList={props.sourceList}
        readOnly={readOnly}
      />
      <section className="card" aria-labelledby="attributes-heading">
        <div className="section-head">
          <h2 id="attributes-heading">Attribute Mappings</h2>
          {readOnly ? null : (
            <button type="button" onClick={() => setEditing('new')}>
              Add New Mapping
            </button>
          )}
        </div>
        {located.mapping.attributeMappings ? (
          <p className="field-error">{located.mapping.attributeMappings}</p>
        ) : null}
        <AttributeMappingTable
          mappings={draft.attributeMappings}
          issues={located.attributes}
          onEdit={setEditing}
          onDelete={(row) =>
            setAttributes(
              draft.attributeMappings.filter((_, i) => i !== row),
              true,
            )
          }
          readOnly={readOnly}
        />
      </section>
      {editing !== null ? (
        <AttributeMappingDialog
          app={props.app.id}
          title={editing === 'new' ? 'Add attribute mapping' : 'Edit attribute mapping'}
          mapping={editing === 'new' ? undefined : draft.attributeMappings[editing]}
          issues={editing === 'new' ? undefined : located.attributes[editing]}
          sourceList={props.sourceList}
          targetList={props.targetList}
          testUser={testUser}
          onTestUser={setTestUser}
          readOnly={readOnly}
          onClose={() => setEditing(null)}
          onOk={(mapping) => {
            if (editing === 'new') setAttributes([...draft.attributeMappings, mapping], false);
            else {
              setAttributes(
                draft.attributeMappings.map((m, i) => (i === editing ? mapping : m)),
                false,
              );
              // Its issues were about the old text: the next Save says whether they remain.
              setLocated((old) => {
                const { [editing]: _fixed, ...rest } = old.attributes;
                return { ...old, attributes: rest };
              });
            }
            setEditing(null);
          }}
        />
      ) : null}
      {readOnly ? (
        <p className="muted">Your role can read this but not change it.</p>
      ) : (
        <div className="form-actions sticky-actions">
          <button
            type="button"
            className="primary"
            disabled={busy || !dirty}
            aria-busy={busy}
            onClick={() => void save()}
          >
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            disabled={busy || !dirty}
            onClick={() => {
              change(structuredClone(saved.objectMappings[props.index]!));
              setLocated(noIssues());
            }}
          >
            Discard changes
          </button>
          {dirty ? <span className="muted">Unsaved changes.</span> : null}
          <Notice>{notice}</Notice>
        </div>
      )}
    </section>
  );
}
