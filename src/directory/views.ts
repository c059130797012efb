/**
 * Directory objects as the API and the CLI show them: plain JSON with the object id, the
 * attributes, and the soft-delete state (`deleted`, `restorableUntil`).
 *
 * Example: userView(record) → { id, userPrincipalName, …, deleted: null, restorableUntil: null, … }
 */
import type {
  DirectoryGroupRecord,
  DirectoryMember,
  DirectoryUserData,
  DirectoryUserRecord,
} from '../store/store.ts';
import { restorableUntil } from './retention.ts';

export type UserView = DirectoryUserData & {
  id: string;
  deleted: string | null;
  restorableUntil: string | null;
  created: string;
  lastModified: string;
  version: number;
};

export interface GroupView {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string | null;
  securityEnabled: boolean;
  deleted: string | null;
  restorableUntil: string | null;
  created: string;
  lastModified: string;
  version: number;
}

export type MemberView = DirectoryMember;

const deletion = (deleted: string | null) => ({
  deleted,
  restorableUntil: deleted === null ? null : restorableUntil(deleted),
});

export const userView = (record: DirectoryUserRecord): UserView => ({
  id: record.id,
  ...record.data,
  ...deletion(record.deleted),
  created: record.created,
  lastModified: record.lastModified,
  version: record.version,
});

export const groupView = (record: DirectoryGroupRecord): GroupView => ({
  id: record.id,
  displayName: record.data.displayName,
  description: record.data.description ?? null,
  mailNickname: record.data.mailNickname ?? null,
  securityEnabled: record.data.securityEnabled,
  ...deletion(record.deleted),
  created: record.created,
  lastModified: record.lastModified,
  version: record.version,
});
