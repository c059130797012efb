/**
 * A small client-side router over the History API: the server answers every console path
 * with index.html (SPA fallback), and these helpers pick the screen from `location.pathname`.
 * Links are real `<a href>` so the keyboard, middle-click and "open in new tab" work.
 *
 * Example: const params = matchPath('/app/:tenant/tokens', usePath()); <Link to="/identity">…</Link>
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const changed = 'roster:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(changed, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(changed, onChange);
  };
}

const pathname = () => window.location.pathname;

/** The current path; the component re-renders when it changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, pathname, pathname);
}

/** The current query string's values. */
export function useQuery(): URLSearchParams {
  const search = useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
  );
  return new URLSearchParams(search);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(changed));
  window.scrollTo?.(0, 0);
}

/** `/app/:tenant/scim` against `/app/acme/scim` → `{ tenant: 'acme' }`; null when it does not match. */
export function matchPath(
  pattern: string,
  path: string,
  options: { prefix?: boolean } = {},
): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (options.prefix ? have.length < want.length : have.length !== want.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = have[i]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={follow} {...rest}>
      {children}
    </a>
  );
}
