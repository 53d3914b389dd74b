import { MARKING_GROUPS_ZH } from './marking-groups.zh';

/** English texts of answer groups on the marking screen (identical short answers marked at once). */
export const MARKING_GROUPS_EN: Record<keyof typeof MARKING_GROUPS_ZH, string> = {
  'marking.groups.toggle': 'Group identical answers',
  'marking.groups.on': 'Marking groups',
  'marking.groups.size': '×{n}',
  'marking.groups.sizeLabel': '{n, plural, one {# answer} other {# identical answers}}',
  'marking.groups.explain':
    'These {n} answers are the same once normalised (spacing, full-width characters and minus signs set aside); one score records one mark for each of them.',
  'marking.groups.members': 'Show all {n}',
  'marking.groups.membersHide': 'Hide',
  'marking.groups.split': 'Mark alone',
  'marking.groups.splitDone': 'Taken out of the group: it is back in the one-by-one queue',
  'marking.groups.saved': '{points} pts recorded for each of {n} answers',
  'marking.groups.none': 'No identical answers left to group: the rest are marked one by one',
  'marking.groups.problemSplit':
    'To report a problem answer, take it out of the group and report it alone',
  'marking.groups.keys': 'G groups on/off · E shows all · scoring keys as for one answer',
  'marking.groups.link': 'in groups',
};
