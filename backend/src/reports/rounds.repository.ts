import type { Round } from '@yuejuan/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** A round as the server reads it (the client's Round, with a Date). */
export type RoundRow = Round<Date>;

/**
 * The rounds' reads and writes. Raw SQL: a round's listing gathers its runs, their models and
 * the count of distinct papers in one statement, and a run's membership is one keyed row.
 */
export class RoundsRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  private readonly select = `
    SELECT r.id, r.name, to_char(r.held_on, 'YYYY-MM-DD') AS "heldOn", r.notes, r.created_at AS "createdAt",
           COALESCE((SELECT json_agg(json_build_object('id', x.id, 'name', x.name,
                       'models', (SELECT COALESCE(json_agg(m.name ORDER BY m.name), '[]') FROM run_models rm JOIN ai_models m ON m.id = rm.model_id WHERE rm.run_id = x.id))
                     ORDER BY x.created_at, x.id)
                     FROM round_runs rr JOIN runs x ON x.id = rr.run_id WHERE rr.round_id = r.id), '[]') AS runs,
           (SELECT count(DISTINCT rp.paper_version_id)::int FROM round_runs rr JOIN run_papers rp ON rp.run_id = rr.run_id WHERE rr.round_id = r.id) AS papers
    FROM rounds r`;

  /** Newest first: the order a researcher picks from. */
  list(): Promise<RoundRow[]> {
    return this.db.query(`${this.select} ORDER BY r.held_on DESC, r.created_at DESC, r.id`);
  }

  async get(id: string): Promise<RoundRow | null> {
    const [row] = await this.db.query(`${this.select} WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  /**
   * The latest round with runs held before this one (same date: created earlier), the one its changes
   * are measured from. A round without runs yet (just created, runs to come) has nothing to compare.
   */
  async previous(id: string): Promise<{ id: string; name: string } | null> {
    const [row] = await this.db.query(
      `SELECT p.id, p.name FROM rounds r JOIN rounds p ON (p.held_on, p.created_at) < (r.held_on, r.created_at)
       WHERE r.id = $1 AND EXISTS (SELECT 1 FROM round_runs rr WHERE rr.round_id = p.id)
       ORDER BY p.held_on DESC, p.created_at DESC LIMIT 1`,
      [id],
    );
    return row ?? null;
  }

  /** The round the findings open on: the latest that has runs (an empty new round would show nothing). */
  async latest(): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT r.id FROM rounds r WHERE EXISTS (SELECT 1 FROM round_runs rr WHERE rr.round_id = r.id)
       ORDER BY r.held_on DESC, r.created_at DESC LIMIT 1`,
    );
    return row?.id ?? null;
  }

  async runIds(id: string): Promise<string[]> {
    const rows: { runId: string }[] = await this.db.query(
      `SELECT run_id AS "runId" FROM round_runs WHERE round_id = $1`,
      [id],
    );
    return rows.map((r) => r.runId);
  }

  async nameTaken(name: string, except: string | null): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM rounds WHERE name = $1 AND ($2::uuid IS NULL OR id <> $2)`,
      [name, except],
    );
    return !!row;
  }

  async insert(r: {
    name: string;
    heldOn: string;
    notes: string;
    createdBy: string | null;
  }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO rounds (name, held_on, notes, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [r.name, r.heldOn, r.notes, r.createdBy],
    );
    return row.id;
  }

  async update(id: string, r: { name?: string; heldOn?: string; notes?: string }): Promise<void> {
    await this.db.query(
      `UPDATE rounds SET name = COALESCE($2, name), held_on = COALESCE($3::date, held_on), notes = COALESCE($4, notes), updated_at = now() WHERE id = $1`,
      [id, r.name ?? null, r.heldOn ?? null, r.notes ?? null],
    );
  }

  async remove(id: string): Promise<void> {
    await this.db.query(`DELETE FROM rounds WHERE id = $1`, [id]);
  }

  /** Runs among `runIds` that belong to another round, with that round's name. */
  takenElsewhere(id: string, runIds: string[]): Promise<{ runId: string; round: string }[]> {
    return this.db.query(
      `SELECT rr.run_id AS "runId", r.name AS round FROM round_runs rr JOIN rounds r ON r.id = rr.round_id
       WHERE rr.run_id = ANY($2) AND rr.round_id <> $1`,
      [id, runIds],
    );
  }

  /** Runs with model answers in no round (a judge's run answers nothing and is not an evaluation's run). */
  async ungroupedRuns(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM runs r WHERE NOT EXISTS (SELECT 1 FROM round_runs rr WHERE rr.run_id = r.id)
         AND EXISTS (SELECT 1 FROM responses x WHERE x.run_id = r.id AND x.source_kind = 'model')
       ORDER BY created_at, id`,
    );
    return rows.map((r) => r.id);
  }

  async existingRuns(runIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM runs WHERE id = ANY($1)`, [
      runIds,
    ]);
    return rows.map((r) => r.id);
  }

  /** Make the round's runs exactly `runIds`. */
  async setRuns(id: string, runIds: string[]): Promise<void> {
    await this.db.query(`DELETE FROM round_runs WHERE round_id = $1 AND NOT (run_id = ANY($2))`, [
      id,
      runIds,
    ]);
    await this.db.query(
      `INSERT INTO round_runs (run_id, round_id) SELECT x, $1 FROM unnest($2::uuid[]) x ON CONFLICT (run_id) DO NOTHING`,
      [id, runIds],
    );
  }
}
