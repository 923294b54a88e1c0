import * as RadixSelect from '@radix-ui/react-select';
import { checkIcon, chevronDownIcon } from '../gl-icons.ts';
import { GlIcon } from '../icon.tsx';
import { usePopupContainer } from '../popup-container.ts';
import type { SelectProps } from '../select.tsx';

/**
 * Radix's select in the field style: a button that opens a listbox, typeahead and arrow keys.
 * Loaded on demand (../select.tsx), and drawn first when its button has been pressed: `defaultOpen`.
 */
export function Select<V extends string>({ value, options, onValueChange, label, size = 'medium', defaultOpen }: SelectProps<V> & { defaultOpen: boolean }) {
  const container = usePopupContainer();
  return (
    <RadixSelect.Root
      defaultOpen={defaultOpen}
      value={value}
      onValueChange={(next) => {
        const option = options.find((o) => o.value === next);
        if (option) onValueChange(option.value);
      }}
    >
      <RadixSelect.Trigger className={`button select-trigger${size === 'small' ? ' button--small' : ''}`} aria-label={label}>
        <RadixSelect.Value />
        <RadixSelect.Icon className="select-trigger__icon">
          <GlIcon icon={chevronDownIcon} />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal container={container}>
        <RadixSelect.Content className="popup select-content" position="popper" sideOffset={4} collisionPadding={8}>
          <RadixSelect.Viewport>
            {options.map((o) => (
              <RadixSelect.Item key={o.value} value={o.value} className="popup__item">
                <RadixSelect.ItemIndicator className="popup__mark">
                  <GlIcon icon={checkIcon} />
                </RadixSelect.ItemIndicator>
                <RadixSelect.ItemText>{o.label}</RadixSelect.ItemText>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
