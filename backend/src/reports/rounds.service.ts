import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { RoundsRepository } from './rounds.repository';

export interface RoundInput {
  name?: string;
  heldOn?: string;
  notes?: string;
  runIds?: string[];
}

/** Evaluation rounds: a name, a date, notes and the runs of that evaluation (a run in one round at most). */
@Injectable()
export class RoundsService {
  private readonly repo: RoundsRepository;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {
    this.repo = new RoundsRepository(db);
  }

  list() {
    return this.repo.list();
  }

  async get(id: string) {
    const round = await this.repo.get(id);
    if (!round) throw new DomainError(`no round ${id}`, 404, undefined, 'round.not_found');
    return round;
  }

  /** `actor` null: the system (the demo seed). Every change of a round is in the audit trail. */
  create(input: RoundInput & { name: string; heldOn: string }, actor: AuditActor | null) {
    return this.write(null, input, actor);
  }

  async update(id: string, input: RoundInput, actor: AuditActor) {
    await this.get(id);
    return this.write(id, input, actor);
  }

  async remove(id: string, actor: AuditActor) {
    const before = await this.get(id);
    // Removing a round ungroups its runs; no run, answer or score goes with it.
    await this.db.transaction(async (m) => {
      await new RoundsRepository(m).remove(id);
      await this.audit.record(
        actor,
        { action: 'round_delete', entityType: 'round', entityId: id, before: roundTrail(before) },
        m,
      );
    });
  }

  /** A round of every run not yet in one (the demo's recorded run); none when there is no such run. */
  async groupUngrouped(round: { name: string; heldOn: string; notes: string }) {
    const runIds = await this.repo.ungroupedRuns();
    return runIds.length ? this.create({ ...round, runIds }, null) : null;
  }

  /** All checks before any write, then one transaction: a bad run list stores nothing. */
  private async write(id: string | null, input: RoundInput, actor: AuditActor | null) {
    const name = input.name?.trim();
    if (input.name !== undefined && !name)
      throw new DomainError('name must not be empty', 400, undefined, 'round.name_required');
    if (name && (await this.repo.nameTaken(name, id)))
      throw new DomainError(`a round named "${name}" exists`, 409, undefined, 'round.name_taken', {
        name,
      });
    const runIds = input.runIds ? [...new Set(input.runIds)] : undefined;
    if (runIds?.length) {
      const known = new Set(await this.repo.existingRuns(runIds));
      const unknown = runIds.filter((r) => !known.has(r));
      if (unknown.length)
        throw new DomainError(
          `unknown runs: ${unknown.join(', ')}`,
          400,
          undefined,
          'round.unknown_run',
          { runs: unknown.join(', ') },
        );
      const taken = await this.repo.takenElsewhere(
        id ?? '00000000-0000-0000-0000-000000000000',
        runIds,
      );
      if (taken.length)
        throw new DomainError(
          `run ${taken[0].runId} is already in round "${taken[0].round}"`,
          409,
          undefined,
          'round.run_in_other_round',
          {
            round: taken[0].round,
          },
        );
    }
    const before = id ? roundTrail(await this.get(id)) : undefined;
    const saved = await this.db.transaction(async (m) => {
      const repo = new RoundsRepository(m);
      const rid =
        id ??
        (await repo.insert({
          name: name!,
          heldOn: input.heldOn!,
          notes: input.notes ?? '',
          createdBy: actor?.id ?? null,
        }));
      if (id) await repo.update(id, { name, heldOn: input.heldOn, notes: input.notes });
      if (runIds) await repo.setRuns(rid, runIds);
      const after = {
        name: name ?? before?.name,
        heldOn: input.heldOn ?? before?.heldOn,
        runIds: runIds ?? before?.runIds,
      };
      await this.audit.record(
        actor ?? { id: null, name: 'system' },
        { action: 'round_save', entityType: 'round', entityId: rid, before, after },
        m,
      );
      return rid;
    });
    return this.get(saved);
  }
}

/** What the audit trail keeps of a round: enough to say what changed. */
function roundTrail(r: { name: string; heldOn: string; runs?: { id: string }[] }) {
  return { name: r.name, heldOn: r.heldOn, runIds: (r.runs ?? []).map((x) => x.id) };
}
