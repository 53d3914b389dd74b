import { ABOUT_ZH } from './about.zh';

export const ABOUT_EN: Record<keyof typeof ABOUT_ZH, string> = {
  'title.about': 'About',
  'nav.about': 'About',
  'about.title': 'About Yuejuan',
  'about.intro':
    "Yuejuan is an open grading workbench for K12 exam papers. The project's own code is licensed under {licence}; the sample papers it ships come from the public datasets below, each under its own licence.",
  'about.noticeHeading': 'Licences and data sources (NOTICE)',
  'about.noticeNote':
    "Below is the repository's NOTICE file as it is (English and Chinese). Every sample question records its dataset, commit, file and index.",
  'about.synthetic':
    'The samples have no real student data: every student cohort in the demo is synthetic (an IRT model) and labelled so.',
  'about.loadFailed': 'The NOTICE could not be read.',
  'papers.filter.stage': 'Stage',
  'papers.col.grade': 'Stage · grade',
  'about.simulated':
    'The model answers to the primary and junior sample papers are simulated (the simulated model yuejuan-sim-k12): drawn by a script at published aggregate accuracies, not written by any model.',
  'library.optionCount': '{label} ({n})',
  'library.subject.ethics': 'Morality and Law',
  'library.subject.politicsFilter': 'Politics · Morality and Law',
};
