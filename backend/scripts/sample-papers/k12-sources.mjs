/**
 * The three public sets below grade 12 (../shared/datasets/README.md, "Below grade 12"): where
 * they came from, under which licence, and how their subjects map onto the bundle format's. One
 * table, read by the paper builders, the README and the NOTICE, so they cannot disagree.
 */

export const K12_DATASETS = {
  CMATH: {
    name: 'CMATH',
    url: 'https://github.com/XiaoMi/cmath',
    commit: '9fa13ef0b2d03f5a18c1ace7001248d3981d65ea',
    licence: 'CC-BY-4.0',
    licenceText: 'CC BY 4.0 (data); https://creativecommons.org/licenses/by/4.0/',
    attribution:
      'Tianwen Wei, Jian Luan, Wei Liu, Shuang Dong, Bin Wang: CMATH: Can Your Language Model Pass Chinese Elementary School Math Test? arXiv:2306.16636',
  },
  'E-EVAL': {
    name: 'E-EVAL',
    url: 'https://github.com/AI-EDU-LAB/E-EVAL',
    commit: '8351bd403aaa0519fb40d9a1a1543388386cd701',
    licence: 'Apache-2.0',
    licenceText:
      "Apache-2.0, as stated on the authors' dataset card (E-EVAL/E-EVAL on the Hugging Face hub); the repository has no licence file",
    attribution:
      'Jinchang Hou et al.: E-EVAL: A Comprehensive Chinese K-12 Education Evaluation Benchmark for Large Language Models. arXiv:2401.15927',
  },
  'TAL-SCQ5K': {
    name: 'TAL-SCQ5K-CN',
    url: 'https://github.com/math-eval/TAL-SCQ5K',
    commit: '8a66d6e14c65ba002beda39747e6b7c43bd2d472',
    licence: 'MIT',
    licenceText:
      'MIT, as stated in the upstream README ("The TAL-SCQ5K dataset is licensed under the MIT License")',
    attribution:
      'TAL Education Group (math-eval): TAL-SCQ5K, a mathematical competition single-choice dataset',
  },
};

/**
 * E-EVAL's subjects. Ethics (小学道德与法治) and middle-school Politics (初中道德与法治, the course's
 * name since 2016) are one subject line that becomes 思想政治 in senior high, so both are reported
 * under `politics` with the Gaokao politics papers; the paper titles keep the school's own name.
 */
export const E_EVAL_SUBJECTS = {
  Chinese: ['chinese', '语文'],
  English: ['english', '英语'],
  Ethics: ['politics', '道德与法治'],
  Mathematics: ['math', '数学'],
  Science: ['science', '科学'],
  Biology: ['biology', '生物学'],
  Chemistry: ['chemistry', '化学'],
  Geography: ['geography', '地理'],
  History: ['history', '历史'],
  Physics: ['physics', '物理'],
  Politics: ['politics', '道德与法治'],
};

export const PRIMARY_GRADE_ZH = ['一', '二', '三', '四', '五', '六'];
export const JUNIOR_GRADE_ZH = { 7: '七', 8: '八', 9: '九' };
