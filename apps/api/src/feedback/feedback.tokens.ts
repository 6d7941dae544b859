// The limiter of POST /feedback; one per process (see README: per replica).
export const FEEDBACK_LIMITER = Symbol('FEEDBACK_LIMITER');
