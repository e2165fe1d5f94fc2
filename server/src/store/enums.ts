/** The schema's enums (value and type), for code outside store/ that names a status. */
export {
  ApprovalStatus,
  Criticality,
  EffectClass,
  ReviewDecisionKind,
  ReviewStatus,
  RunMode,
  RunStatus,
  SafetyKind,
  SafetyList,
  StepStatus,
  UserRole,
  VersionStatus,
} from '../generated/prisma/enums';
