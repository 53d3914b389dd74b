import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('assets')
export class AssetEntity {
  @PrimaryColumn('char', { length: 64 }) sha256: string;
  @Column('text') mime: string;
  @Column('int') width: number;
  @Column('int') height: number;
  @Column('int', { name: 'byte_size' }) byteSize: number;
  @Column('bytea') data: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('asset_variants')
export class AssetVariantEntity {
  @PrimaryColumn('char', { name: 'asset_sha256', length: 64 }) assetSha256: string;
  @PrimaryColumn('text', { name: 'profile_key' }) profileKey: string;
  @Column('text') mime: string;
  @Column('int') width: number;
  @Column('int') height: number;
  @Column('int', { name: 'byte_size' }) byteSize: number;
  @Column('bytea') data: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
