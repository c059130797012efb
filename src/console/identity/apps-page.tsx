/**
 * Enterprise applications: the apps added from the gallery, each opening its own page; "New
 * application" opens the gallery.
 *
 * Example: <AppsPage canEdit />
 */
import { useApis } from '../api/api-context.tsx';
import { Link } from '../router.tsx';
import { formatDate } from '../ui/format.ts';
import { Loaded } from '../ui/loaded.tsx';
import { PageHeader } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';

export function AppsPage({ canEdit }: { canEdit: boolean }) {
  const { identity } = useApis();
  const apps = useAsync(() => identity.apps(), []);
  return (
    <>
      <PageHeader
        title="Enterprise applications"
        actions={
          canEdit ? (
            <Link to="/identity/apps/new" className="button primary">
              New application
            </Link>
          ) : null
        }
      >
        The SaaS apps this directory provisions users into.
      </PageHeader>
      <Loaded state={apps} what="applications">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">
              No applications yet. Choose <strong>New application</strong> to add one from the
              gallery.
            </p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Enterprise applications</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Publisher</th>
                  <th scope="col">Template</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {list.map((app) => (
                  <tr key={app.id}>
                    <td>
                      <span className="app-name">
                        {app.logo ? <img src={app.logo} alt="" width={24} height={24} /> : null}
                        <Link to={`/identity/apps/${app.id}`}>{app.name}</Link>
                      </span>
                    </td>
                    <td>{app.publisher ?? ''}</td>
                    <td>{app.templateId}</td>
                    <td title={app.created}>{formatDate(app.created)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}
