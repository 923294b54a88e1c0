import { createContext, useCallback, useContext, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';

export type ToastTone = 'info' | 'success' | 'danger';

/** A link inside a toast (e.g. "Open job #12"); `onClick` lets a router take over plain clicks. */
export interface ToastLink {
  href: string;
  label: string;
  onClick?: (event: MouseEvent<HTMLAnchorElement>) => void;
}

interface ToastItem {
  id: number;
  message: string;
  tone: ToastTone;
  link?: ToastLink;
}

interface ToastApi {
  /** Shows a short message; it leaves by itself after `ms` (default 5 s) or when dismissed. */
  show(message: string, options?: { tone?: ToastTone; ms?: number; link?: ToastLink }): void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Holds the toasts; one polite live region so screen readers hear each message once. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);

  const api = useMemo<ToastApi>(
    () => ({
      show(message, options) {
        const id = nextId.current++;
        setItems((list) => [...list.slice(-4), { id, message, tone: options?.tone ?? 'info', ...(options?.link ? { link: options.link } : {}) }]);
        setTimeout(() => dismiss(id), options?.ms ?? 5000);
      },
    }),
    [dismiss],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`toast toast--${t.tone}`}>
            <span>{t.message}</span>
            {t.link ? (
              <a href={t.link.href} onClick={t.link.onClick}>
                {t.link.label}
              </a>
            ) : null}
            <button type="button" className="button button--ghost" onClick={() => dismiss(t.id)} aria-label="Dismiss">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** The toast API; throws outside ToastProvider, since a silent no-op would hide mistakes. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs a <ToastProvider> above it');
  return api;
}
