import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../common/hashing';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SessionUser } from './auth.decorators';
import { SessionEntity, UserEntity } from './auth.entities';

export const hashToken = (token: string) => sha256(token);

export type SessionLookup = { user: SessionUser } | { problem: 'none' | 'expired' };

interface Cached {
  user: SessionUser;
  lastSeenAt: number;
  expiresAt: number;
  until: number;
}

/**
 * Opaque session tokens: the browser holds the token, the database only its hash, so a leaked
 * database cannot be replayed. Sessions end when idle too long or past their absolute lifetime.
 */
@Injectable()
export class SessionsService {
  /**
   * Live sessions remembered for SESSION_CACHE_MS, so a teacher marking an answer a second costs no
   * session query per request. A revocation in this process takes effect at once; one made by
   * another process (an extra worker) within that time.
   */
  private readonly cache = new Map<string, Cached>();

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxAgeMs(): number {
    return this.config.sessionMaxHours * 3600_000;
  }

  async create(userId: string): Promise<{ token: string; csrfToken: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = new Date();
    await this.sessions.insert({
      tokenHash: hashToken(token),
      userId,
      csrfToken,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.maxAgeMs),
    });
    return { token, csrfToken };
  }

  /** Finds the live session for a token and marks it as seen (sliding idle window). */
  async lookup(token: string | null): Promise<SessionLookup> {
    if (!token) return { problem: 'none' };
    const tokenHash = hashToken(token);
    const now = Date.now();
    const hit = this.cache.get(tokenHash);
    if (
      hit &&
      hit.until > now &&
      now <= hit.expiresAt &&
      now <= hit.lastSeenAt + this.config.sessionIdleMinutes * 60_000
    )
      return { user: hit.user };
    this.cache.delete(tokenHash);
    const row = await this.sessions
      .createQueryBuilder('s')
      .innerJoin(UserEntity, 'u', 'u.id = s.user_id')
      .select([
        's.token_hash AS token_hash',
        's.csrf_token AS csrf_token',
        's.last_seen_at AS last_seen_at',
        's.expires_at AS expires_at',
        's.revoked_at AS revoked_at',
      ])
      .addSelect([
        'u.id AS user_id',
        'u.username AS username',
        'u.display_name AS display_name',
        'u.roles AS roles',
        'u.is_active AS is_active',
      ])
      .where('s.token_hash = :tokenHash', { tokenHash })
      .getRawOne();
    if (!row || row.revoked_at || !row.is_active) return { problem: row ? 'expired' : 'none' };
    const idleLimit =
      new Date(row.last_seen_at).getTime() + this.config.sessionIdleMinutes * 60_000;
    if (now > new Date(row.expires_at).getTime() || now > idleLimit) return { problem: 'expired' };
    // Touch at most once a minute: a busy marker should not write on every key press.
    let lastSeenAt = new Date(row.last_seen_at).getTime();
    if (now - lastSeenAt > 60_000) {
      await this.sessions.update({ tokenHash }, { lastSeenAt: new Date(now) });
      lastSeenAt = now;
    }
    const user: SessionUser = {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      sessionTokenHash: tokenHash,
      csrfToken: row.csrf_token,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tokenHash, {
      user,
      lastSeenAt,
      expiresAt: new Date(row.expires_at).getTime(),
      until: now + this.config.sessionCacheMs,
    });
    return { user };
  }

  /** Drops a user's remembered sessions, so a change to their account is read on the next request. */
  forget(userId: string): void {
    for (const [hash, c] of this.cache) if (c.user.id === userId) this.cache.delete(hash);
  }

  async revoke(tokenHash: string): Promise<void> {
    this.cache.delete(tokenHash);
    await this.sessions.update({ tokenHash }, { revokedAt: new Date() });
  }

  /** Ends every session of a user, except optionally the one making the change. */
  async revokeAllFor(userId: string, exceptTokenHash?: string): Promise<void> {
    this.forget(userId);
    const qb = this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptTokenHash) qb.andWhere('token_hash <> :except', { except: exceptTokenHash });
    await qb.execute();
  }
}
