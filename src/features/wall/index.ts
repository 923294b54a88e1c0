// The team wall (issue 17): tiles per project × ref, rotation, staleness, request budget.
export { WallPage, type WallPageProps } from './wall-page.tsx';
export { wallSource, type WallSource, type WallConfigInput } from './model/targets.ts';
