/** The gateway's password rule, which the sign-up page checks first. */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords are refused before hashing, so a huge one cannot cost the gateway anything. */
export const PASSWORD_MAX_LENGTH = 128;
