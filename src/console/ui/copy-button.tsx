/**
 * Copies a value (the Base URL, a Secret Token) to the clipboard and says so in words. Uses the
 * Clipboard API, falling back to a hidden text area and execCommand on plain-http origins
 * where the Clipboard API is absent; when both fail it asks the person to copy by hand.
 *
 * Example: <CopyButton value={baseUrl} label="Copy Base URL" />
 */
import { useEffect, useState } from 'react';

async function copyText(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // fall through to the text-area way
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand?.('copy') ?? false;
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        onClick={async () => setState((await copyText(value)) ? 'copied' : 'failed')}
      >
        {label}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied'
          ? 'Copied to the clipboard.'
          : state === 'failed'
            ? 'Copying failed: select the text and press Ctrl+C.'
            : ''}
      </span>
    </span>
  );
}
