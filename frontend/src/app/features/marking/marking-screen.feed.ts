import { firstValueFrom } from 'rxjs';
import { MarkingApiService } from './marking-api.service';
import { Shown, shownGroup, shownTask } from './marking-screen.groups';

/**
 * Where the marking screen's answers come from: leased one at a time (or a group at a time), and
 * the next one leased and loaded while the teacher reads the current one, so it appears at once.
 */
export class AnswerFeed {
  /** The answer after the one on screen, leased in the background. */
  private ahead: Promise<Shown | null> | null = null;

  constructor(
    private readonly api: MarkingApiService,
    private readonly questionId: () => string,
    private readonly isGroupMode: () => boolean,
  ) {}

  /**
   * `resume`: the first answer after opening (or reloading) the page is the one already leased to
   * me, if any. In group mode, the next group; when none is left, the rest one by one.
   */
  private async lease(resume = false): Promise<Shown | null> {
    if (this.isGroupMode()) {
      const g = await firstValueFrom(this.api.nextGroup(this.questionId(), resume));
      if (!('done' in g)) return shownGroup(g);
      // the mode turns off when this answer is shown (it may be fetched ahead of the last group)
      const r = await firstValueFrom(this.api.next(this.questionId(), resume));
      return 'done' in r ? null : { ...shownTask(r), note: 'marking.groups.none' };
    }
    const r = await firstValueFrom(this.api.next(this.questionId(), resume));
    return 'done' in r ? null : shownTask(r);
  }

  /** The answer fetched ahead, else one leased now (null: none is left). */
  async take(resume: boolean): Promise<Shown | null> {
    const next = await (this.ahead ?? this.lease(resume));
    this.ahead = null;
    return next;
  }

  /** Leases the answer after the one just shown, in the background. */
  fetchAhead() {
    this.ahead = this.lease().catch(() => null);
  }

  /** Forgets the answer fetched ahead and hands it over (to give its lease back), if any. */
  drop(): Promise<Shown | null> | null {
    const ahead = this.ahead;
    this.ahead = null;
    return ahead;
  }
}
