/** Shown when the dashboard cannot start at all (config.json missing or invalid). */
export function BootError({ title, problems, url }: { title: string; problems: readonly string[]; url?: string }) {
  return (
    <main className="app-main">
      <section className="error-state" role="alert" aria-labelledby="boot-error-title">
        <h1 id="boot-error-title">{title}</h1>
        {url ? (
          <p>
            Looked for it at <code>{url}</code>.
          </p>
        ) : null}
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
        <p className="error-state__hint">Whoever deploys this dashboard can fix it; reload the page afterwards.</p>
      </section>
    </main>
  );
}
