// GitLab's icons the app draws (@gitlab/svgs), one file each: a page's chunks hold only the icons
// it imports (one module of all of them was 3.7 KB gzipped on every project page, issue 18).
export { default as arrowDownIcon } from '@gitlab/svgs/dist/sprite_icons/arrow-down.svg?raw';
export { default as arrowUpIcon } from '@gitlab/svgs/dist/sprite_icons/arrow-up.svg?raw';
export { default as checkIcon } from '@gitlab/svgs/dist/sprite_icons/check.svg?raw';
export { default as chevronDownIcon } from '@gitlab/svgs/dist/sprite_icons/chevron-down.svg?raw';
export { default as closeIcon } from '@gitlab/svgs/dist/sprite_icons/close.svg?raw';
export { default as collapseIcon } from '@gitlab/svgs/dist/sprite_icons/collapse.svg?raw';
export { default as copyIcon } from '@gitlab/svgs/dist/sprite_icons/copy-to-clipboard.svg?raw';
export { default as downloadIcon } from '@gitlab/svgs/dist/sprite_icons/download.svg?raw';
export { default as errorIcon } from '@gitlab/svgs/dist/sprite_icons/error.svg?raw';
export { default as expandIcon } from '@gitlab/svgs/dist/sprite_icons/expand.svg?raw';
export { default as linkIcon } from '@gitlab/svgs/dist/sprite_icons/link.svg?raw';
export { default as maximizeIcon } from '@gitlab/svgs/dist/sprite_icons/maximize.svg?raw';
export { default as minimizeIcon } from '@gitlab/svgs/dist/sprite_icons/minimize.svg?raw';
export { default as removeIcon } from '@gitlab/svgs/dist/sprite_icons/remove.svg?raw';
export { default as scrollDownIcon } from '@gitlab/svgs/dist/sprite_icons/scroll_down.svg?raw';
export { default as scrollUpIcon } from '@gitlab/svgs/dist/sprite_icons/scroll_up.svg?raw';
export { default as softWrapIcon } from '@gitlab/svgs/dist/sprite_icons/soft-wrap.svg?raw';
