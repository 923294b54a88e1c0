import { columnInfo } from './job-columns.tsx';
import { moveColumn, setColumnVisible, type ColumnPrefs } from './column-prefs.ts';

export interface ColumnMenuProps {
  prefs: ColumnPrefs;
  /** Whether the actions slot is filled (its column is offered only then). */
  withActions: boolean;
  onChange: (prefs: ColumnPrefs) => void;
  onReset: () => void;
}

/** Show, hide and reorder columns with the keyboard as well as the mouse. */
export function ColumnMenu({ prefs, withActions, onChange, onReset }: ColumnMenuProps) {
  const ids = prefs.order.filter((id) => id !== 'actions' || withActions);
  return (
    <details className="column-menu">
      <summary className="button">Columns</summary>
      <div className="column-menu__panel">
        <ul aria-label="Columns, in order">
          {ids.map((id, i) => {
            const label = columnInfo(id)?.label ?? id;
            return (
              <li key={id}>
                <label className="checkbox">
                  <input type="checkbox" checked={prefs.visible[id] !== false} onChange={(e) => onChange(setColumnVisible(prefs, id, e.target.checked))} />
                  {label}
                </label>
                <span className="column-menu__moves">
                  <button type="button" className="button button--ghost button--small" disabled={i === 0} onClick={() => onChange(moveColumn(prefs, id, -1))} aria-label={`Move ${label} left`}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    disabled={i === ids.length - 1}
                    onClick={() => onChange(moveColumn(prefs, id, 1))}
                    aria-label={`Move ${label} right`}
                  >
                    ↓
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
        <button type="button" className="button button--small" onClick={onReset}>
          Reset columns
        </button>
      </div>
    </details>
  );
}
