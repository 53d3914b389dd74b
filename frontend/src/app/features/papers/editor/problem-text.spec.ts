import { TestBed } from '@angular/core/testing';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Problem } from './editor.models';
import { fieldKey, wordProblem } from './problem-text';

const unknownOption: Problem = {
  file: 'paper.json',
  path: 'sections[0].questions[1].answer',
  field: 'answer',
  code: 'bundle.answer_unknown_option',
  params: { answer: 'AZ', letters: 'Z' },
  message: 'answer "AZ" names option(s) Z that do not exist',
  location: { scope: 'question', section: 1, ordinal: 2, question: '2', field: 'answer' },
};
const optionText: Problem = {
  file: 'paper.json',
  path: 'sections[0].questions[4].options[1].text',
  code: 'bundle.schema.type',
  params: { type: 'string' },
  message: 'must be string',
  location: { scope: 'question', question: '5', field: 'options', index: 2, subfield: 'text' },
};
const rubricCeiling: Problem = {
  file: 'rubric.json',
  path: 'questions[0].ceiling',
  code: 'rubric.ceiling',
  params: { ceiling: 99, max: 12 },
  message: "ceiling 99 exceeds the question's 12 points",
  location: { scope: 'rubric', question: '17', field: 'ceiling' },
};
const licence: Problem = {
  file: 'paper.json',
  path: 'source.licence',
  code: 'bundle.schema.minLength',
  params: { limit: 1 },
  message: 'must NOT have fewer than 1 characters',
  location: { scope: 'paper', field: 'source', subfield: 'licence' },
};

describe('wordProblem', () => {
  let i18n: I18nService;
  beforeEach(() => {
    i18n = TestBed.inject(I18nService);
  });

  it('points at 第N题 and the field, in Chinese, from the code and its params', () => {
    expect(wordProblem(i18n, unknownOption)).toEqual({
      where: '第2题',
      field: '答案',
      message: '答案“AZ”中的选项 Z 不存在',
    });
    expect(wordProblem(i18n, optionText)).toEqual({
      where: '第5题',
      field: '选项 第2项 · 文字',
      message: '类型不对，应为 string',
    });
    expect(wordProblem(i18n, rubricCeiling)).toEqual({
      where: '第17题的评分细则',
      field: '上限',
      message: '上限 99 超过本题的 12 分',
    });
    expect(wordProblem(i18n, licence)).toEqual({
      where: '试卷信息',
      field: '来源 · 许可',
      message: '不能为空',
    });
  });

  it('says the same in English', async () => {
    await i18n.setLang('en');
    expect(wordProblem(i18n, unknownOption)).toEqual({
      where: 'Question 2',
      field: 'Key',
      message: 'Key "AZ" names option(s) Z that do not exist',
    });
    expect(wordProblem(i18n, rubricCeiling).where).toBe('Rubric of question 17');
  });

  it("falls back to the server's message for a code the catalogue does not know", () => {
    const p = { ...unknownOption, code: 'bundle.something_new', message: 'something new' };
    expect(wordProblem(i18n, p).message).toBe('something new');
  });

  it('names the input to focus', () => {
    expect(fieldKey(unknownOption)).toBe('answer');
    expect(fieldKey(optionText)).toBe('options.2.text');
    expect(fieldKey(rubricCeiling)).toBe('rubric.ceiling');
  });
});
