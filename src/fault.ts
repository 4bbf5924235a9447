// A fault for tests to inject, never set otherwise: TEARLAB_FAULT=broken-fix makes every worker copy as
// unlocked whatever its mode, so a test can watch a "fix" tear and check the exit code that reports it.
export const BROKEN_FIX = process.env.TEARLAB_FAULT === 'broken-fix';
