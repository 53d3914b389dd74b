import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-errors';
import { QuestionViewDto } from '../papers/papers.dto';
import { PapersService } from '../papers/papers.service';
import { notAssigned } from './marking-checks';
import { MarkingTasksRepository } from './marking-tasks.repository';

/** What a marker sees of a question: everything the student saw, the key, and how it is marked. */
export interface MarkingQuestionViewDto {
  question: Omit<QuestionViewDto, 'rubric' | 'provenance'>;
  /** For a sub-question: the question it belongs to (its stem, passage and figures come first). */
  parent: Pick<QuestionViewDto, 'number' | 'stem' | 'passage' | 'images'> | null;
  mode: 'single' | 'double';
  tolerance: number;
}

/**
 * The question pane of the marking screen and the seniors' desk, loaded once per question rather
 * than with every answer: stem, passage, figures and options as the paper view shows them.
 */
@Injectable()
export class MarkingViewService {
  constructor(
    private readonly tasks: MarkingTasksRepository,
    private readonly papers: PapersService,
  ) {}

  async questionView(
    user: { id: string; roles: string[] },
    questionId: string,
  ): Promise<MarkingQuestionViewDto> {
    const row = await this.tasks.placement(questionId, user.id);
    // Seniors arbitrate any question; a teacher sees only the questions they mark.
    if (!row || (!row.isAssigned && !user.roles.includes('senior_teacher'))) throw notAssigned();
    const tree = await this.papers.getTree(row.versionId);
    const root = tree.questions.find((q) => q.id === (row.parentId ?? questionId));
    const node = row.parentId ? root?.subQuestions.find((s) => s.id === questionId) : root;
    if (!root || !node) throw new DomainError(`question ${questionId} does not exist`, 404);
    const { rubric: _r, provenance: _p, ...question } = this.papers.mapQuestion(node);
    const parent = row.parentId ? this.papers.mapQuestion(root) : null;
    return {
      question,
      parent: parent && {
        number: parent.number,
        stem: parent.stem,
        passage: parent.passage,
        images: parent.images,
      },
      mode: row.mode === 'double' ? 'double' : 'single',
      tolerance: row.tolerance,
    };
  }
}
