import { arrowDownIcon, arrowUpIcon, Checkbox, chevronDownIcon, GlIcon, IconButton, Popover } from '../../ui/popups.ts';
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
    <Popover
      label="Columns"
      align="end"
      trigger={
        <button type="button" className="button column-menu">
          Columns
          <GlIcon icon={chevronDownIcon} />
        </button>
      }
    >
      <ul className="column-menu__list" aria-label="Columns, in order">
        {ids.map((id, i) => {
          const label = columnInfo(id)?.label ?? id;
          return (
            <li key={id}>
              <Checkbox checked={prefs.visible[id] !== false} onCheckedChange={(on) => onChange(setColumnVisible(prefs, id, on))}>
                {label}
              </Checkbox>
              <span className="column-menu__moves">
                <IconButton icon={arrowUpIcon} size="small" label={`Move ${label} left`} disabled={i === 0} onClick={() => onChange(moveColumn(prefs, id, -1))} />
                <IconButton icon={arrowDownIcon} size="small" label={`Move ${label} right`} disabled={i === ids.length - 1} onClick={() => onChange(moveColumn(prefs, id, 1))} />
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button--small" onClick={onReset}>
        Reset columns
      </button>
    </Popover>
  );
}
