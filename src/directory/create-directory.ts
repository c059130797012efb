/**
 * The identity side's services, wired on one store: users, groups, the app gallery,
 * enterprise apps and their assignments, the change feed, import, the purge job and identity
 * admins. The admin API and the CLI both call these, so they behave alike.
 *
 * Example:
 *   const directory = createDirectory({ store, clock: () => new Date(), passwords });
 *   await directory.apps.add({ template: 'wrike', name: 'Wrike' });
 *   await directory.importFile('users.csv', { key: 'userPrincipalName' });
 */
import type { DirectoryChange, Store } from '../store/store.ts';
import { createIdentityAdmins, type PasswordPolicy } from './admins/identity-admins.ts';
import { createApps } from './apps.ts';
import { createAssignments } from './assignments.ts';
import { DirectoryError } from './directory-error.ts';
import { type Gallery, loadGallery } from './gallery/gallery.ts';
import { createGroups } from './groups.ts';
import { formatOf, readTextChunks, rowsFrom } from './import/file-source.ts';
import { type ImportOptions, type ImportReport, importUsers } from './import/import-users.ts';
import { type PurgeResult, purgeExpired } from './retention.ts';
import { createUsers } from './users.ts';

export interface DirectoryDeps {
  /** Only `store.directory` is used. */
  store: Pick<Store, 'directory'>;
  clock: () => Date;
  passwords: PasswordPolicy;
  /** Defaults to the templates in gallery/. */
  gallery?: Gallery;
}

export interface FileImportOptions extends ImportOptions {
  /** csv or json; by default from the file name. */
  format?: string | undefined;
  /** Bytes read so far, for a progress bar. */
  onBytes?: (bytes: number) => void;
}

export type Directory = ReturnType<typeof createDirectory>;

export function createDirectory(deps: DirectoryDeps) {
  const store = deps.store.directory;
  const { clock } = deps;
  const gallery = deps.gallery ?? loadGallery();
  const users = createUsers({ store, clock });
  const groups = createGroups({ store, clock });
  const apps = createApps({ store, gallery });
  const assignments = createAssignments({ store, apps, users, groups });
  const admins = createIdentityAdmins({ store, clock, passwords: deps.passwords });

  return {
    users,
    groups,
    gallery,
    apps,
    assignments,
    admins,

    changes: {
      /** Exactly the changes after `sequence` (1–1000 at a time), oldest first. */
      async since(
        sequence: number,
        limit = 100,
      ): Promise<{ changes: DirectoryChange[]; head: number }> {
        if (!Number.isSafeInteger(sequence) || sequence < 0)
          throw new DirectoryError('invalid', 'since must be a whole number from 0', 'since');
        if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000)
          throw new DirectoryError(
            'invalid',
            'limit must be a whole number from 1 to 1000',
            'limit',
          );
        const [changes, head] = await Promise.all([
          store.changes.since(sequence, limit),
          store.changes.head(),
        ]);
        return { changes, head };
      },
    },

    /** Imports users from CSV or JSON text (an API body). */
    importText(text: string, options: ImportOptions & { format: string }): Promise<ImportReport> {
      return importUsers(store, rowsFrom([text], formatOf('', options.format)), options);
    },

    /** Imports users from a CSV or JSON file, streamed. */
    importFile(file: string, options: FileImportOptions): Promise<ImportReport> {
      const format = formatOf(file, options.format);
      return importUsers(store, rowsFrom(readTextChunks(file, options.onBytes), format), options);
    },

    /** Hard-deletes users and groups soft-deleted more than 30 days ago (the purge job). */
    purgeExpired(): Promise<PurgeResult> {
      return purgeExpired(store, clock());
    },
  };
}
