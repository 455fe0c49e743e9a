/** The classic group coordinator for outside clients: public surface. */
export {
  DEFAULT_COORDINATOR,
  OFFSET_METADATA_MAX_BYTES,
  committedOffsets,
  coordinatorConfig,
  findClassicGroup,
  groupCoordinator,
  joinOutcome,
  nextClassicDeadline,
  syncOutcome,
} from './coordinator.ts';
export { classicGroupView, viewOfClassicGroup } from './view.ts';
export type { ClassicGroupState, ClassicMemberState, CommittedOffset, ClassicJoinSnapshot } from './types.ts';
