/**
 * New application → the gallery (the tutorial's "Add Wrike from the gallery"): search the
 * templates, pick one, name the app (the template's name by default) and Add it; then the new
 * app's page opens.
 *
 * Example: <GalleryPage canEdit />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import type { Template } from '../api/identity-api.ts';
import { Link, navigate } from '../router.tsx';
import { TextField } from '../ui/field.tsx';
import { Form } from '../ui/form.tsx';
import { Loaded } from '../ui/loaded.tsx';
import { PageHeader } from '../ui/shell.tsx';
import { useAction } from '../ui/use-action.ts';
import { useAsync } from '../ui/use-async.ts';

/** Templates whose name, publisher or description contains every word of the search. */
export function searchTemplates(templates: Template[], search: string): Template[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((t) => {
    const text = `${t.name} ${t.publisher} ${t.description} ${t.id}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function GalleryPage({ canEdit }: { canEdit: boolean }) {
  const { identity } = useApis();
  const gallery = useAsync(() => identity.gallery(), []);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Template>();

  return (
    <>
      <PageHeader title="Browse the application gallery">
        <Link to="/identity/apps">Enterprise applications</Link> › New application
      </PageHeader>
      <search>
        <TextField
          label="Search application"
          name="gallerySearch"
          type="search"
          value={search}
          onChange={setSearch}
          autoFocus
          hint="For example: Wrike, or SCIM."
        />
      </search>
      <div className="gallery-layout">
        <Loaded state={gallery} what="gallery">
          {(templates) => {
            const found = searchTemplates(templates, search);
            return (
              <section aria-label="Gallery results">
                <p aria-live="polite" className="muted">
                  {found.length} {found.length === 1 ? 'application' : 'applications'}
                </p>
                <ul className="tiles">
                  {found.map((template) => (
                    <li key={template.id} className="tile">
                      <button
                        type="button"
                        className="tile-button"
                        aria-pressed={chosen?.id === template.id}
                        onClick={() => setChosen(template)}
                      >
                        <img src={template.logo} alt="" width={40} height={40} />
                        <span className="tile-name">{template.name}</span>
                        <span className="muted">{template.publisher}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          }}
        </Loaded>
        {chosen ? <AddPanel key={chosen.id} template={chosen} canEdit={canEdit} /> : null}
      </div>
    </>
  );
}

function AddPanel({ template, canEdit }: { template: Template; canEdit: boolean }) {
  const { identity } = useApis();
  const [name, setName] = useState(template.name);
  const add = useAction(
    () => identity.addApp(template.id, name.trim() || undefined),
    ['name', 'template'],
  );
  return (
    <aside className="card side-panel" aria-labelledby="add-heading">
      <h2 id="add-heading">{template.name}</h2>
      <p className="muted">{template.publisher}</p>
      <p>{template.description}</p>
      {canEdit ? (
        <Form
          label={`Add ${template.name}`}
          submitLabel="Add"
          busyLabel="Adding…"
          errors={add.errors}
          busy={add.busy}
          onSubmit={async () => {
            const result = await add.run();
            if (result.ok) navigate(`/identity/apps/${result.value.id}`);
          }}
        >
          <TextField
            label="Name"
            name="name"
            value={name}
            onChange={setName}
            hint="How the app is listed; you can keep the gallery's name."
            error={add.errors.fields.name}
          />
        </Form>
      ) : (
        <p>Adding applications needs the Cloud Application Administrator role.</p>
      )}
    </aside>
  );
}
