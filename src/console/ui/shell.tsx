/**
 * The frame of a console: a skip link, a header naming the console and who is signed in (with
 * Sign out), a side navigation whose current entry carries aria-current, and the main area.
 *
 * Example: <Shell title="Identity console" who="it@contoso.test" nav={[{ to: '/identity/users', label: 'Users' }]} onSignOut={out}>…</Shell>
 */
import type { ReactNode } from 'react';
import { Link, usePath } from '../router.tsx';

export interface NavItem {
  to: string;
  label: string;
  /** Also current for paths below `to`. */
  prefix?: boolean;
}

export function Shell(props: {
  title: string;
  who?: string | undefined;
  nav: NavItem[];
  onSignOut?: (() => void) | undefined;
  children: ReactNode;
}) {
  const path = usePath();
  const isCurrent = (item: NavItem) =>
    path === item.to || (item.prefix === true && path.startsWith(`${item.to}/`));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Roster
        </Link>
        <span className="console-name">{props.title}</span>
        <span className="spacer" />
        {props.who ? <span className="who">Signed in as {props.who}</span> : null}
        {props.onSignOut ? (
          <button type="button" className="topbar-button" onClick={props.onSignOut}>
            Sign out
          </button>
        ) : null}
      </header>
      <div className="body">
        {props.nav.length > 0 ? (
          <nav className="sidenav" aria-label={`${props.title} sections`}>
            <ul>
              {props.nav.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={isCurrent(item) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
      </div>
    </div>
  );
}

/** A screen's heading (one h1 per screen) with optional actions beside it. */
export function PageHeader(props: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.children ? <div className="page-lead">{props.children}</div> : null}
      </div>
      {props.actions ? <div className="page-actions">{props.actions}</div> : null}
    </div>
  );
}

/** Tabs as links (each tab is its own URL), for an app's Overview / Users and groups / Provisioning. */
export function TabLinks({
  label,
  tabs,
  className,
}: {
  label: string;
  tabs: NavItem[];
  className?: string;
}) {
  const path = usePath();
  return (
    <nav className={className ?? 'tabs'} aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          aria-current={
            path === tab.to || (tab.prefix === true && path.startsWith(`${tab.to}/`))
              ? 'page'
              : undefined
          }
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
