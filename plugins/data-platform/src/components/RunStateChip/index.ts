export { RunStateChip } from './RunStateChip';
export {
  RUN_STATES,
  runStateColor,
  runStateLabel,
  runStatePaletteColor,
} from './runStateColor';
export type { RunStateColor } from './runStateColor';
