/** A dash for a value GitLab did not give; screen readers hear `label` ("no duration") instead. */
export function MissingValue({ label }: { label: string }) {
  return (
    <span className="muted">
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
