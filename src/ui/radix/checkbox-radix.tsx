import * as RadixCheckbox from '@radix-ui/react-checkbox';
import type { CheckboxBoxProps } from '../checkbox.tsx';
import { checkIcon } from '../gl-icons.ts';
import { GlIcon } from '../icon.tsx';

/**
 * Radix's checkbox (docs/decisions/0016) at the field height's scale with GitLab's check icon.
 * Loaded on demand (../checkbox.tsx draws the same box plainly until then).
 */
export function CheckboxBox({ id, checked, disabled, describedBy, onCheckedChange }: CheckboxBoxProps) {
  return (
    <RadixCheckbox.Root id={id} className="checkbox__box" checked={checked} disabled={disabled} aria-describedby={describedBy} onCheckedChange={(next) => onCheckedChange(next === true)}>
      <RadixCheckbox.Indicator className="checkbox__mark">
        <GlIcon icon={checkIcon} size={12} />
      </RadixCheckbox.Indicator>
    </RadixCheckbox.Root>
  );
}
