import { JUDGE_QUALITY_ZH } from './judge-quality.zh';

/** English texts of judge-quality.zh.ts; typed so no key is missing or extra. */
export const JUDGE_QUALITY_EN: Record<keyof typeof JUDGE_QUALITY_ZH, string> = {
  'nav.judge': 'AI marking',
  'title.judgeQuality': 'AI marking quality',
  'judgeq.title': 'AI marking: the judge against the teachers',
  'judgeq.intro':
    'On each question the judge is compared with the teachers: with the final score, with each teacher’s read, and beside the teachers’ agreement with each other on the same answers. Only a judge that passes the acceptance rule on a question may stand in for teachers’ unfinished marking there in a report.',
  'judgeq.judge': 'Judge',
  'judgeq.recorded': 'recorded grading',
  'judgeq.judgeOption': '{name} · template {template} · {answers} answers / {questions} questions',
  'judgeq.noJudges':
    'No judge has read any answer yet. Start a judge run on a run, or import recorded grading.',
  'judgeq.rule':
    'Acceptance rule: compared on at least {minAnswers} teacher-marked answers, at least {minHumanPairs} of them double-marked; QWK with teachers no more than {margin} below the teachers’ QWK with each other; |standardised mean difference| at most {maxSmd} (Williamson, Xi & Breyer 2012).',
  'judgeq.question': 'Question',
  'judgeq.compared': 'Compared',
  'judgeq.verdict': 'Verdict',
  'judgeq.qwkJudge': 'QWK (judge–teachers)',
  'judgeq.qwkHuman': 'QWK (teacher–teacher)',
  'judgeq.smd': 'Standardised mean difference',
  'judgeq.meanDiff': 'Mean difference',
  'judgeq.exact': 'Exact',
  'judgeq.adjacent': 'Adjacent',
  'judgeq.n': 'Pairs',
  'judgeq.validated': 'Validated',
  'judgeq.summary':
    'This judge is validated on {validated} of {questions, plural, one {# question} other {# questions}}; each row that is not says why.',
  'judgeq.notValidated': 'Not validated',
  'judgeq.open': 'Open',
  'judgeq.counts':
    '{answers, plural, one {# answer} other {# answers}} judged ({failed, plural, one {# judgement} other {# judgements}} failed); {humanMarked} with a final teacher score, {doubleMarked} double-marked.',
  'judgeq.figures':
    'Agreement (95% bootstrap intervals in brackets, {replicates} resamples, seed {seed})',
  'judgeq.row.vsFinal': 'Judge vs final teacher score',
  'judgeq.row.vsReads': 'Judge vs each teacher’s read',
  'judgeq.row.vsReadsOnDouble': 'Judge vs teachers’ reads (double-marked answers)',
  'judgeq.row.humanHuman': 'Teacher vs teacher (the same double-marked answers)',
  'judgeq.meanDiffHint':
    'Mean difference = judge − teachers: positive is lenient, negative severe.',
  'judgeq.confusion': 'Judge (rows) against final teacher score (columns)',
  'judgeq.items': 'Agreement per rubric item',
  'judgeq.item': 'Item',
  'judgeq.itemJudge': 'Judge vs teachers',
  'judgeq.itemHuman': 'Teacher vs teacher',
  'judgeq.applied': 'applied {a} / {b} times',
  'judgeq.kappa': 'κ',
  'judgeq.slices': 'By model under test and by source',
  'judgeq.slice.source': 'Source',
  'judgeq.slice.model': 'Model',
  'judgeq.source.model': 'model answers',
  'judgeq.source.student': 'student answers',
  'judgeq.disagreements': 'Where they disagree most (for a senior to read)',
  'judgeq.noDisagreements': 'The judge and the final teacher score agree on every compared answer.',
  'judgeq.noCompared': 'No answer has both a judgement and a final teacher score to compare yet.',
  'judgeq.judgeScore': 'Judge {n}',
  'judgeq.finalScore': 'Final teacher score {n}',
  'judgeq.judgeItems': 'Items the judge applied: {items}',
  'judgeq.adjustment': 'adjustment {n}',
  'judgeq.rationale': 'Rationale:',
  'judgeq.teacherReads': 'Teachers’ reads:',
  'judgeq.read': '{kind}: {points}',
  'judgeq.writtenBy': 'Written by: {name}',
  'judgeq.sample.title': 'Ask teachers to mark a validation sample',
  'judgeq.sample.hint':
    'A random sample of this question’s unread answers, stratified by each model under test and the students; teachers get the sampled answers first in their queues. A stratum with fewer unread answers than asked gives all it has; with no student answers there is no student stratum. The judge should read every answer.',
  'judgeq.sample.perStratum': 'Answers per stratum',
  'judgeq.sample.seed': 'Seed (optional)',
  'judgeq.sample.request': 'Draw a validation sample',
  'judgeq.sample.startRun': 'Have the judge read every answer of this question',
  'judgeq.sample.runStarted': 'Judge run started.',
  'judgeq.sample.recordedJudge':
    'This is recorded grading and cannot be called again; it has read the recorded answers.',
  'judgeq.sample.done':
    'Drew {n, plural, one {# answer} other {# answers}} (seed {seed}); each stratum’s count is in the record below.',
  'judgeq.sample.history': 'Samples drawn',
  'judgeq.sample.row':
    '{at} · {by} · seed {seed} · {per} per stratum · {count} answers, {done} marked',
  'judgeq.sample.stratum': '{stratum}: {sampled} / {population}',
  'judgeq.stratum.student': 'students',
  'judgeq.read.first': 'first read',
  'judgeq.read.second': 'second read',
  'judgeq.read.third': 'third read',
  'judgeq.read.arbitration': 'arbitration',
  'judgeq.read.review': 'review',
  'judgeq.read.rescore': 'rubric re-score',
  'judgeq.read.calibration': 'calibration',
  'judge.validation.validated':
    'Validated: {n} answers, QWK {qwk} (teachers {humanQwk}), standardised mean difference {smd}',
  'judge.validation.too_few':
    'Not validated: compared on {n} teacher-marked answers, at least {min} needed',
  'judge.validation.no_human_pairs':
    'Not validated: {pairs} double-marked answers; {min} needed to know the teachers’ own agreement',
  'judge.validation.qwk_below_humans':
    'Not validated: QWK with teachers {qwk} is more than {margin} below the teachers’ {humanQwk}',
  'judge.validation.biased':
    'Not validated: standardised mean difference {smd} is beyond ±{max} (lenient or severe overall)',
  'error.judge.quality.no_judgements': 'This judge has no judgement on this question.',
  'error.judge.validation.nothing_to_sample':
    'No answer of this question is waiting for its first read: nothing to sample.',
  'error.judge.validation.question_not_found': 'The question does not exist.',
  'report.scoring.label': 'Scores from',
  'report.scoring.judge': 'Judge',
  'report.scoring.judgeAuto': 'Automatic (the judge that read most)',
  'report.scoring.teachers': 'Teachers only',
  'report.scoring.teachers_else_validated_judge': 'Teachers, else a validated judge',
  'report.scoring.judge_only': 'Judge only (for comparison)',
  'report.scoring.judgeOnlyBanner':
    'In this view every score teachers would give comes from the judge {judge}, validated or not: for comparison with the teachers only, not for conclusions.',
  'report.scoring.validatedOn':
    'The judge {judge} is validated on {n} questions; the others use teachers’ scores only.',
  'report.scoring.noJudge': 'No judge has read these questions: every score comes from teachers.',
  'report.sources':
    'Points from: rules {rules} · teachers {teachers} · judge {judge} · none yet {none}',
  'report.drill.judge': 'Judge',
  'report.drill.judgeFailed': 'judgement failed ({code})',
};
