import { MULTI_SELECT_RULES, QUESTION_TYPES, STAGES, SUBJECTS } from './bundle.types';

/** JSON Schemas (draft 2020-12 subset understood by ajv) for paper.yaml and rubric.yaml. */

const imageRef = {
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: { file: { type: 'string', minLength: 1 }, alt: { type: 'string' } },
};

const scoringPolicy = {
  type: 'object',
  additionalProperties: false,
  properties: {
    multipleChoice: {
      type: 'object',
      required: ['rule'],
      additionalProperties: false,
      properties: {
        rule: { enum: [...MULTI_SELECT_RULES] },
        partialPoints: { type: 'number', minimum: 0 },
      },
    },
    marking: {
      type: 'object',
      required: ['mode'],
      additionalProperties: false,
      properties: {
        mode: { enum: ['single', 'double'] },
        tolerance: { type: 'number', minimum: 0 },
      },
    },
  },
};

const blankKey = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  ],
};

const question = {
  type: 'object',
  required: ['number', 'type'],
  additionalProperties: false,
  properties: {
    number: { type: 'string', minLength: 1, maxLength: 20 },
    type: { enum: [...QUESTION_TYPES] },
    points: { type: 'number', exclusiveMinimum: 0, maximum: 200 },
    stem: { type: 'string' },
    passage: { type: 'string' },
    images: { type: 'array', items: imageRef },
    options: {
      type: 'array',
      minItems: 2,
      maxItems: 10,
      items: {
        type: 'object',
        required: ['label'],
        additionalProperties: false,
        properties: {
          label: { type: 'string', pattern: '^[A-J]$' },
          text: { type: 'string' },
          image: imageRef,
        },
      },
    },
    blanks: { type: 'integer', minimum: 1, maximum: 40 },
    answer: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'boolean' },
        { type: 'array', minItems: 1, items: blankKey },
      ],
    },
    referenceAnswer: { type: 'string', minLength: 1 },
    analysis: { type: 'string' },
    tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    tolerance: { type: 'number', minimum: 0 },
    scoring: scoringPolicy,
    subQuestions: { type: 'array', minItems: 1, items: { $ref: '#/$defs/question' } },
    provenance: { type: 'object' },
  },
};

export const paperSchema = {
  $id: 'yuejuan/paper@1',
  type: 'object',
  required: [
    'format',
    'id',
    'title',
    'subject',
    'grade',
    'stage',
    'year',
    'region',
    'language',
    'source',
    'sections',
  ],
  additionalProperties: false,
  $defs: { question },
  properties: {
    format: { const: 'yuejuan/paper@1' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{2,79}$' },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    subject: { enum: [...SUBJECTS] },
    grade: { type: 'integer', minimum: 1, maximum: 12 },
    stage: { enum: [...STAGES] },
    year: { type: 'integer', minimum: 1950, maximum: 2100 },
    region: { type: 'string', minLength: 1 },
    language: { enum: ['zh', 'en'] },
    totalPoints: { type: 'number', exclusiveMinimum: 0 },
    source: {
      type: 'object',
      required: ['name', 'licence'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        url: { type: 'string' },
        licence: { type: 'string', minLength: 1 },
        commit: { type: 'string' },
        note: { type: 'string' },
      },
    },
    scoring: scoringPolicy,
    passages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'content'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          title: { type: 'string' },
          content: { type: 'string', minLength: 1 },
          images: { type: 'array', items: imageRef },
        },
      },
    },
    sections: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['title', 'questions'],
        additionalProperties: false,
        properties: {
          title: { type: 'string', minLength: 1 },
          instructions: { type: 'string' },
          questions: { type: 'array', minItems: 1, items: { $ref: '#/$defs/question' } },
        },
      },
    },
  },
};

export const rubricSchema = {
  $id: 'yuejuan/rubric@1',
  type: 'object',
  required: ['format', 'paper', 'questions'],
  additionalProperties: false,
  properties: {
    format: { const: 'yuejuan/rubric@1' },
    paper: { type: 'string', minLength: 1 },
    derived: { type: 'boolean' },
    derivation: { type: 'string' },
    questions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['question'],
        additionalProperties: false,
        properties: {
          question: { type: 'string', minLength: 1 },
          mode: { enum: ['items', 'score'] },
          startingPoints: { type: 'number' },
          floor: { type: 'number' },
          ceiling: { type: 'number' },
          graderNotes: { type: 'string' },
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'points', 'description'],
              additionalProperties: false,
              properties: {
                id: { type: 'string', minLength: 1 },
                points: { type: 'number' },
                description: { type: 'string', minLength: 1 },
                group: { type: 'string' },
                graderNote: { type: 'string' },
              },
            },
          },
          samples: {
            type: 'array',
            items: {
              type: 'object',
              required: ['answer', 'score'],
              additionalProperties: false,
              properties: {
                answer: { type: 'string' },
                score: { type: 'number', minimum: 0 },
                note: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
};
