export const RATE_LIMITER = Symbol('RATE_LIMITER');
