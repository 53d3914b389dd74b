import { BadRequestException, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SessionUser } from './auth.decorators';
import { UserEntity } from './auth.entities';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  /** A hash of a random password: unknown usernames cost as much as known ones, so timing tells nothing. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, address: string) {
    await this.checkRateLimits(username, address);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const isValid = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    const isSuccess = Boolean(user && user.isActive && isValid);
    await this.db.query(`INSERT INTO login_attempts (username, address, is_success) VALUES ($1, $2, $3)`, [username, address, isSuccess]);
    if (!isSuccess) {
      await this.audit.record(
        { id: user?.id ?? null, name: username, address },
        { action: 'login_failed', after: { reason: user && !user.isActive ? 'deactivated' : 'bad credentials' } },
      );
      throw new UnauthorizedException('wrong username or password');
    }
    const session = await this.sessions.create(user!.id);
    await this.audit.record({ id: user!.id, name: user!.username, address }, { action: 'login' });
    return { ...session, user: this.publicUser(user!) };
  }

  async logout(user: SessionUser, address: string) {
    await this.sessions.revoke(user.sessionTokenHash);
    await this.audit.record({ id: user.id, name: user.username, address }, { action: 'logout' });
  }

  async changePassword(user: SessionUser, current: string, next: string, address: string) {
    const row = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: user.id }).getOneOrFail();
    if (!(await verifyPassword(row.passwordHash, current))) throw new BadRequestException('the current password is wrong');
    const problem = passwordProblem(next, user.username);
    if (problem) throw new BadRequestException(problem);
    await this.users.update(user.id, { passwordHash: await hashPassword(next), passwordChangedAt: new Date() });
    // Other devices must sign in again with the new password.
    await this.sessions.revokeAllFor(user.id, user.sessionTokenHash);
    await this.audit.record(
      { id: user.id, name: user.username, address },
      { action: 'password_change', entityType: 'user', entityId: user.id },
    );
  }

  publicUser(u: { id: string; username: string; displayName: string; roles: string[] }) {
    return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles };
  }

  private async checkRateLimits(username: string, address: string) {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE username = $1)::int AS by_account, count(*) FILTER (WHERE address = $2)::int AS by_address
       FROM login_attempts WHERE NOT is_success AND attempted_at > now() - make_interval(mins => $3) AND (username = $1 OR address = $2)`,
      [username, address, this.config.loginWindowMinutes],
    );
    const minutes = this.config.loginWindowMinutes;
    if (row.by_account >= this.config.loginMaxFailuresPerAccount) {
      throw new HttpException(`too many failed sign-ins for this account; try again in ${minutes} minutes`, HttpStatus.TOO_MANY_REQUESTS);
    }
    if (row.by_address >= this.config.loginMaxFailuresPerAddress) {
      throw new HttpException(`too many failed sign-ins from this address; try again in ${minutes} minutes`, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
