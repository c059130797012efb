/**
 * Calls `tick` every `ms` milliseconds while `enabled` and the tab is visible (a hidden tab
 * polls nothing), for live lists such as the provisioned users.
 *
 * Example: useInterval(users.reload, 3000, live);
 */
import { useEffect, useRef } from 'react';

export function useInterval(tick: () => unknown, ms: number, enabled = true): void {
  const saved = useRef(tick);
  saved.current = tick;
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) void saved.current();
    }, ms);
    return () => clearInterval(timer);
  }, [ms, enabled]);
}
