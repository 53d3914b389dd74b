/**
 * The module graph, enforced in `npm run lint` (dependency-cruiser).
 *
 * Backend: folders of backend/src in layers, lowest first. A folder may import its own layer's
 * peers below it in this list and anything lower; never a higher one. Infrastructure sits below
 * the pipeline, and the pipeline flows paper → render → collect → grade → mark → report.
 * Composition roots (app.module, main, bootstrap, the CLI, the entity and migration registries)
 * wire everything and sit above the graph.
 *
 * Frontend: a feature imports another feature only through core/ or shared/; core/ and shared/
 * import no feature.
 *
 * Both sides: no circular import, type-only imports included.
 *
 * KNOWN is the list of violations that existed when the rule came in, each with why it is still
 * there; a new violation fails the build. Remove an entry when its cause is fixed (a fixed entry
 * that stays is harmless, but the list should shrink).
 */

/** Lowest first. One folder per entry; a later folder may import an earlier one, never the reverse. */
const BACKEND_LAYERS = [
  // infrastructure
  'common', // filters, guards, errors: imports no feature
  'config',
  'statistics', // pure
  'database',
  'jobs',
  'audit',
  'auth',
  'users', // account administration, above auth
  'assets',
  'pdf-intake',
  // the pipeline
  'papers',
  'rendering',
  'models', // the registry of models under test, read by collection and grading
  'collection',
  'grading',
  'marking',
  'judging',
  'cohorts',
  'judge-quality',
  'quality',
  'reports',
  // the schedules (runner loop, grading sweep, marking sync) and the Pipeline facade: above the whole pipeline
  'worker',
];

/** Files that wire the whole app together, allowed to import any folder. */
const COMPOSITION_ROOTS = [
  '^backend/src/app\\.module\\.ts$',
  '^backend/src/main\\.ts$',
  '^backend/src/bootstrap\\.ts$',
  '^backend/src/demo-seed\\.ts$',
  '^backend/src/cli/',
  '^backend/src/health/',
  '^backend/src/database/entities\\.ts$',
  '^backend/src/database/data-source\\.ts$',
];

const dir = (names) => `^backend/src/(${names.join('|')})/`;
const layerRules = BACKEND_LAYERS.slice(0, -1).map((folder, i) => ({
  name: `layer-${folder}`,
  comment: `${folder}/ must not import a higher folder (${BACKEND_LAYERS.slice(i + 1).join(', ')})`,
  severity: 'error',
  // A spec may check a lower module through a higher one (sample papers graded end to end): tests
  // are not part of the shipped graph, so only cycles are checked in them.
  from: { path: dir([folder]), pathNot: [...COMPOSITION_ROOTS, '\\.spec\\.ts$'] },
  to: { path: dir(BACKEND_LAYERS.slice(i + 1)) },
}));

/**
 * Violations present when the rule came in: [from, to, rule, why]. Each is a place to fix; the
 * folders named are being changed by other work this session, so they wait for a later one.
 */
const KNOWN = [
  // audit ⇄ auth: auth writes login events to the trail, and the trail's read endpoint is guarded
  // by auth's decorators. Fix: the read endpoint moves above auth (users/, the admin area) or the
  // role decorators move into a lower access module.
  [
    'backend/src/audit/audit.controller.ts',
    'backend/src/auth/auth.decorators.ts',
    'layer-audit',
    'the audit read endpoint uses @Roles',
  ],
  // Frontend features reaching into another feature. Most read the paper library (PapersApiService,
  // papers.models): it moves to core/ (or its types to @yuejuan/contracts) once the paper editor,
  // which is changing those files, has landed.
  ...[
    ['admin/assignments-admin.component.ts', 'papers/papers-api.service.ts'],
    ['marking/question-pane.component.ts', 'papers/question-card.component.ts'],
    ['reports/cohorts.component.ts', 'papers/papers-api.service.ts'],
    ['reports/report-drill.component.ts', 'runs/answer-excerpt.ts'],
    ['reports/report-filters.component.ts', 'papers/papers-api.service.ts'],
    ['reports/report-filters.component.ts', 'runs/runs-api.service.ts'],
    ['reports/rounds.component.ts', 'runs/runs-api.service.ts'],
    ['runs/run-answers.component.ts', 'papers/papers-api.service.ts'],
    ['runs/run-new.component.ts', 'papers/papers-api.service.ts'],
  ].map(([from, to]) => [
    `frontend/src/app/features/${from}`,
    `frontend/src/app/features/${to}`,
    'frontend-feature-to-feature',
    'feature internals',
  ]),
];

/** Cycles present when the rule came in: [files in the cycle, why it is still there]. */
const KNOWN_CYCLES = [
  // Types only: a problem's location type lives with the locator, which reads the bundle types.
  [
    ['backend/src/papers/bundle/bundle.types.ts', 'backend/src/papers/bundle/locate-problem.ts'],
    'bundle types ⇄ locator (types only)',
  ],
  // Types only: the English catalogue is typed by the Chinese one, which re-exports the set.
  [
    ['frontend/src/app/core/i18n/messages-en.ts', 'frontend/src/app/core/i18n/messages.ts'],
    'i18n catalogues (types only)',
  ],
];

const FRONTEND_FEATURE = '^frontend/src/app/features/([^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle ties modules together so neither can change or be tested alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      // The layers forbid it too; named on its own because it is the seam issue 20 closed: grading
      // signals (jobs/queues.ts) and the worker creates marking tasks outside grading's transactions.
      name: 'grading-not-marking',
      comment:
        'grading/ never imports marking/: marking tasks come from the worker, after a MARKING_TASKS_DUE job.',
      severity: 'error',
      from: { path: '^backend/src/grading/' },
      to: { path: '^backend/src/marking/' },
    },
    {
      name: 'grading-not-collection',
      comment:
        'Grading reads the answers collection stored and calls its extractor model through models/provider: it never imports collection (which would tie the two stages into a cycle again).',
      severity: 'error',
      from: { path: '^backend/src/grading/' },
      to: { path: '^backend/src/collection/' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      comment:
        '@yuejuan/contracts is below both sides: it imports neither the backend nor the frontend (nor any library).',
      severity: 'error',
      from: { path: '^backend/contracts/' },
      to: { pathNot: '^backend/contracts/' },
    },
    {
      name: 'common-imports-no-feature',
      comment:
        'common/ is below every feature (the layer rule says so too; this names it plainly).',
      severity: 'error',
      from: { path: '^backend/src/common/' },
      to: { path: '^backend/src/', pathNot: '^backend/src/common/' },
    },
    {
      name: 'frontend-feature-to-feature',
      comment: "A feature uses another feature's code only through core/ or shared/.",
      severity: 'error',
      from: { path: FRONTEND_FEATURE },
      to: { path: '^frontend/src/app/features/', pathNot: '^frontend/src/app/features/$1/' },
    },
    {
      name: 'frontend-core-shared-no-feature',
      comment: 'core/ and shared/ are below every feature.',
      severity: 'error',
      from: { path: '^frontend/src/app/(core|shared)/' },
      to: { path: '^frontend/src/app/features/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '/dist/', '\\.angular/'] },
    // Type-only imports count: a cycle through types still ties two modules together.
    tsPreCompilationDeps: true,
    knownViolations: [
      ...KNOWN.map(([from, to, name]) => ({
        type: 'dependency',
        from,
        to,
        rule: { severity: 'error', name },
      })),
      ...KNOWN_CYCLES.map(([files]) => ({
        type: 'cycle',
        from: files[0],
        to: files[1],
        rule: { severity: 'error', name: 'no-circular' },
        cycle: files.map((name) => ({ name, dependencyTypes: [] })),
      })),
    ],
  },
};
