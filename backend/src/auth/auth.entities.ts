import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('boolean', { name: 'is_active' }) isActive: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'password_changed_at' }) passwordChangedAt: Date;
}

@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn('char', { name: 'token_hash', length: 64 }) tokenHash: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('text', { name: 'csrf_token' }) csrfToken: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'last_seen_at' }) lastSeenAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
