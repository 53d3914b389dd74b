import { ERRORS_ZH } from './errors.zh';

/** English wording of the server's error codes that people meet while working (error-text.ts). */
export const ERRORS_EN: Record<keyof typeof ERRORS_ZH, string> = {
  'error.offline': 'The server cannot be reached; check the connection and try again.',
  'error.password.too_short': 'The password needs at least {min} characters.',
  'error.password.too_long': 'The password may have at most {max} characters.',
  'error.password.contains_username': 'The password must not contain the username.',
  'error.password.current_wrong': 'The current password is wrong.',
  'error.user.username_taken': 'The username "{username}" is taken.',
  'error.marking.lease_lost':
    'This answer is no longer yours to mark (the lease ran out or another teacher took it); your mark was not saved.',
  'error.marking.not_assigned': 'You have no marking queue for this question.',
  'error.unavailable': 'The server is restarting; try again in a moment.',
  'error.too_many_requests': 'Too many requests; try again in a moment.',
  'error.internal_error':
    'The server had a problem; try again, and tell an admin if it keeps happening.',
  'error.marking.all_or_nothing': 'A single choice or true/false answer scores 0 or {max}.',
  'error.paper.newer_version':
    'Draft v{version} is not the newest version of this paper (v{newest} is), so it cannot be published: open v{newest} and publish that; a published version cannot be changed.',
  'error.render.unknown_profile': 'There is no image profile "{profile}"; choose one of: {names}.',
  'error.render.question_not_found':
    'That is not a top-level question of this paper, so it cannot be previewed.',
  'error.auth.no_access_rule': 'This endpoint declares no access rule, so it is closed.',
  'error.auth.session_expired': 'Your session has expired; please sign in again.',
  'error.auth.sign_in_required': 'Please sign in.',
  'error.auth.csrf_invalid':
    'The page’s security token is no longer valid; reload the page and try again.',
  'error.auth.role_required': 'This needs one of the roles: {roles}.',
  'error.user.cannot_demote_self': 'You cannot deactivate yourself or remove your own admin role.',
  'error.user.not_found': 'That user does not exist.',
  'error.paper.not_found': 'That version of the paper does not exist.',
  'error.model.not_found': 'That model does not exist.',
  'error.model.name_taken': 'A model named "{name}" exists already.',
  'error.image.not_found': 'That image does not exist, or you may not see it.',
  'error.pdf.not_found': 'That PDF does not exist.',
  'error.about.notice_missing': 'This installation has no NOTICE file.',
  'error.run.papers_missing':
    '{count} of the chosen paper versions do not exist (any more); reload the list and choose again.',
  'error.run.status_change':
    'The run cannot change to that state now: only a running run pauses, only a paused one resumes, and a finished run cannot be cancelled. Reload to see its state.',
  'error.run.not_found': 'That run does not exist.',
};
