import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PublicUser } from '@yuejuan/contracts';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { SessionUser } from './auth.decorators';
import { UserEntity } from './auth.entities';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { limitMessage, loginVerdict } from './login-limits';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  /** A hash of a random password: unknown usernames cost as much as known ones, so timing tells nothing. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
    private readonly attempts: LoginAttemptsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, address: string) {
    const accountKey = await this.attempts.accountKey(username);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    // Counted before the password is checked, so a burst of parallel guesses meets the limit.
    const counts = await this.attempts.reserve(accountKey, address, user?.id ?? null, {
      pairMinutes: this.config.loginWindowMinutes,
      accountMinutes: this.config.loginAccountWindowMinutes,
    });
    const verdict = loginVerdict(counts, {
      perAccountAddress: this.config.loginMaxFailuresPerAccount,
      perAddress: this.config.loginMaxFailuresPerAddress,
      perAccount: this.config.loginMaxFailuresPerAccountAllAddresses,
    });
    if (verdict) {
      await this.attempts.markLimited(counts.attemptId);
      throw new DomainError(
        limitMessage(verdict),
        HttpStatus.TOO_MANY_REQUESTS,
        undefined,
        'auth.rate_limited',
        { scope: verdict.scope, retryAfterSeconds: verdict.retryAfterSeconds },
        verdict.retryAfterSeconds,
      );
    }
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const isValid = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    const isSuccess = Boolean(user && user.isActive && isValid);
    if (!isSuccess) {
      // Who, when the account exists (its own name, not the typed text); otherwise only the keyed hash.
      await this.audit.record(
        { id: user?.id ?? null, name: user?.username ?? null, address },
        {
          action: 'login_failed',
          after: {
            reason: user && !user.isActive ? 'deactivated' : 'bad credentials',
            accountKey: accountKey.slice(0, 16),
          },
        },
      );
      throw new DomainError(
        'wrong username or password',
        HttpStatus.UNAUTHORIZED,
        undefined,
        'auth.bad_credentials',
      );
    }
    await this.attempts.markSuccess(counts.attemptId);
    const session = await this.sessions.create(user!.id);
    await this.audit.record({ id: user!.id, name: user!.username, address }, { action: 'login' });
    return { ...session, user: this.publicUser(user!) };
  }

  async logout(user: SessionUser, address: string) {
    await this.sessions.revoke(user.sessionTokenHash);
    await this.audit.record({ id: user.id, name: user.username, address }, { action: 'logout' });
  }

  async changePassword(user: SessionUser, current: string, next: string, address: string) {
    const row = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await verifyPassword(row.passwordHash, current)))
      throw new DomainError(
        'the current password is wrong',
        400,
        undefined,
        'password.current_wrong',
      );
    const problem = passwordProblem(next, user.username);
    if (problem) throw problem;
    await this.users.update(user.id, {
      passwordHash: await hashPassword(next),
      passwordChangedAt: new Date(),
    });
    // Other devices must sign in again with the new password.
    await this.sessions.revokeAllFor(user.id, user.sessionTokenHash);
    await this.audit.record(
      { id: user.id, name: user.username, address },
      { action: 'password_change', entityType: 'user', entityId: user.id },
    );
  }

  publicUser(u: PublicUser): PublicUser {
    return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles };
  }
}
