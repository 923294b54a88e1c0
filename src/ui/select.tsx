import * as RadixSelect from '@radix-ui/react-select';
import { GlIcon } from './icon.tsx';
import { usePopupContainer } from './popup-container.ts';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string> {
  value: V;
  options: readonly SelectOption<V>[];
  onValueChange(value: V): void;
  /** The accessible name (the visible label sits beside it, or the words are in the value). */
  label: string;
  size?: 'medium' | 'small';
}

/** Radix's select in the field style: a button that opens a listbox, typeahead and arrow keys. */
export function Select<V extends string>({ value, options, onValueChange, label, size = 'medium' }: SelectProps<V>) {
  const container = usePopupContainer();
  return (
    <RadixSelect.Root
      value={value}
      onValueChange={(next) => {
        const option = options.find((o) => o.value === next);
        if (option) onValueChange(option.value);
      }}
    >
      <RadixSelect.Trigger className={`button select-trigger${size === 'small' ? ' button--small' : ''}`} aria-label={label}>
        <RadixSelect.Value />
        <RadixSelect.Icon className="select-trigger__icon">
          <GlIcon name="chevron-down" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal container={container}>
        <RadixSelect.Content className="popup select-content" position="popper" sideOffset={4} collisionPadding={8}>
          <RadixSelect.Viewport>
            {options.map((o) => (
              <RadixSelect.Item key={o.value} value={o.value} className="popup__item">
                <RadixSelect.ItemIndicator className="popup__mark">
                  <GlIcon name="check" />
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
