import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AdminUser } from '@yuejuan/contracts';
import { DataSource, Repository } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { UserEntity } from '../auth/auth.entities';
import { DomainError } from '../common/domain-errors';
import { hashPassword, passwordProblem } from '../auth/password';
import { Role } from '../auth/roles';
import { SessionsService } from '../auth/sessions.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UserCreateDto, UserUpdateDto } from './users.dto';

/** Demo accounts for a fresh install: one per role, printed by `npm start`. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '管理员 Admin', roles: ['admin'] },
  { username: 'author', displayName: '命题老师 Author', roles: ['author'] },
  { username: 'teacher', displayName: '阅卷老师 王老师', roles: ['teacher'] },
  { username: 'teacher2', displayName: '阅卷老师 李老师', roles: ['teacher'] },
  { username: 'senior', displayName: '仲裁组长 张老师', roles: ['teacher', 'senior_teacher'] },
  { username: 'researcher', displayName: '研究员 Researcher', roles: ['researcher'] },
];
export const DEMO_PASSWORD = 'yuejuan-demo-2026';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly db: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list() {
    const rows = await this.users.find({ order: { username: 'ASC' } });
    return rows.map((u) => this.map(u));
  }

  async create(dto: UserCreateDto, actor: AuditActor) {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw problem;
    if (await this.users.exists({ where: { username: dto.username } }))
      throw new DomainError(
        `username "${dto.username}" is taken`,
        409,
        undefined,
        'user.username_taken',
        { username: dto.username },
      );
    const passwordHash = await hashPassword(dto.password);
    const user = await this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(UserEntity, {
          username: dto.username,
          displayName: dto.displayName,
          roles: dto.roles,
          passwordHash,
          isActive: true,
          passwordChangedAt: new Date(),
        }),
      );
      await this.audit.record(
        actor,
        {
          action: 'user_create',
          entityType: 'user',
          entityId: saved.id,
          after: { username: dto.username, roles: dto.roles },
        },
        m,
      );
      return saved;
    });
    return this.map(user);
  }

  async update(id: string, dto: UserUpdateDto, actor: AuditActor & { id: string }) {
    const user = await this.get(id);
    if (
      id === actor.id &&
      (dto.isActive === false || (dto.roles && !dto.roles.includes('admin')))
    ) {
      throw new DomainError(
        'you cannot deactivate yourself or remove your own admin role',
        400,
        undefined,
        'user.cannot_demote_self',
      );
    }
    const before = { displayName: user.displayName, roles: user.roles, isActive: user.isActive };
    const after = { ...before, ...dto };
    await this.db.transaction(async (m) => {
      await m.update(UserEntity, id, after);
      await this.audit.record(
        actor,
        { action: 'user_update', entityType: 'user', entityId: id, before, after },
        m,
      );
    });
    if (dto.isActive === false) await this.sessions.revokeAllFor(id);
    else this.sessions.forget(id); // new roles apply from the next request
    return this.map({ ...user, ...after });
  }

  async resetPassword(id: string, password: string, actor: AuditActor) {
    const user = await this.get(id);
    const problem = passwordProblem(password, user.username);
    if (problem) throw problem;
    await this.users.update(id, {
      passwordHash: await hashPassword(password),
      passwordChangedAt: new Date(),
    });
    await this.sessions.revokeAllFor(id);
    await this.audit.record(actor, { action: 'password_reset', entityType: 'user', entityId: id });
  }

  /** At start: the admin from the environment, and demo accounts on an empty install. */
  async ensureInitialAccounts(): Promise<{ username: string; roles: Role[] }[]> {
    const system = { id: null, name: 'system' };
    if (
      this.config.adminUsername &&
      this.config.adminPassword &&
      !(await this.users.exists({ where: { username: this.config.adminUsername } }))
    ) {
      await this.create(
        {
          username: this.config.adminUsername,
          displayName: 'Administrator',
          password: this.config.adminPassword,
          roles: ['admin'],
        },
        system,
      );
      this.logger.log(`created admin "${this.config.adminUsername}" from ADMIN_USERNAME`);
    }
    if (!this.config.seedDemoAccounts) return [];
    if ((await this.users.count()) === 0) {
      for (const a of DEMO_ACCOUNTS) await this.create({ ...a, password: DEMO_PASSWORD }, system);
    }
    const demo = await this.users.find({
      where: DEMO_ACCOUNTS.map((a) => ({ username: a.username })),
    });
    return demo.map((u) => ({ username: u.username, roles: u.roles }));
  }

  private async get(id: string) {
    const user = await this.users.findOne({ where: { id } });
    if (!user)
      throw new DomainError(`user ${id} not found`, 404, undefined, 'user.not_found', { id });
    return user;
  }

  /** The wire shape: createdAt as the ISO string JSON would make of the Date anyway. */
  private map(
    u: Pick<UserEntity, 'id' | 'username' | 'displayName' | 'roles' | 'isActive'> & {
      createdAt?: Date;
    },
  ): AdminUser {
    const user: AdminUser = {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      isActive: u.isActive,
    };
    if (u.createdAt) user.createdAt = u.createdAt.toISOString();
    return user;
  }
}
