// The longest values the read model stores (varchar columns). The API refuses longer input and
// the measure workflow's validators check again, so a value that could never be recorded is
// refused up front instead of being retried forever by the recording activity.
export const FIELD_LIMITS = {
  actor: 200, // measure_events.actor
  measureCode: 64, // measures.code, also a sub-measure's full code `${parent}.${sub}`
  unitCode: 64, // measures.lead_unit_code, measure_units.unit_code
  leader: 100, // measures.lead_leader
  addressee: 200, // notification_requests.addressee
} as const;

// A decomposition names at most this many sub-measures at once (each is a workflow).
export const MAX_SUB_MEASURES_PER_DECOMPOSITION = 200;
