/**
 * Enterprise apps, each created from a gallery template (the tutorial's "Add Wrike from the
 * gallery"). The template's roles, mappings and limits are copied into the app when it is
 * added, so a later template edit never changes an app behind its admin's back.
 * An app is named by its object id or its (unique, case-insensitive) name.
 *
 * Example: await apps.add({ template: 'wrike', name: 'Wrike' })
 */
import type { DirectoryStore, EnterpriseAppRecord } from '../store/store.ts';
import { DirectoryError } from './directory-error.ts';
import type { Gallery } from './gallery/gallery.ts';
import type { AppRole, AppTemplate } from './gallery/template-schema.ts';
import { fromStore } from './store-errors.ts';

/** What an app keeps from its template (stored as the app's data). */
export interface AppSettings {
  publisher: string;
  description: string;
  logo: string;
  appRoles: AppRole[];
  provisioning: AppTemplate['provisioning'];
}

export interface AppView extends AppSettings {
  id: string;
  name: string;
  templateId: string;
  created: string;
  lastModified: string;
  version: number;
}

export interface AppsDeps {
  store: DirectoryStore;
  gallery: Gallery;
}

const settingsOf = (record: EnterpriseAppRecord) => record.data as unknown as AppSettings;

export const appView = (record: EnterpriseAppRecord): AppView => ({
  id: record.id,
  name: record.name,
  templateId: record.templateId,
  ...settingsOf(record),
  created: record.created,
  lastModified: record.lastModified,
  version: record.version,
});

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '')
    throw new DirectoryError('invalid', 'name is required: the app name admins see', 'name');
  const trimmed = name.trim();
  if ([...trimmed].length > 120)
    throw new DirectoryError(
      'invalid',
      `name has ${[...trimmed].length} characters; at most 120`,
      'name',
    );
  return trimmed;
}

export type Apps = ReturnType<typeof createApps>;

export function createApps(deps: AppsDeps) {
  const { store, gallery } = deps;

  async function find(ref: string, field = 'app'): Promise<EnterpriseAppRecord> {
    const found = (await store.apps.get(ref)) ?? (await store.apps.byName(ref));
    if (!found)
      throw new DirectoryError(
        'notFound',
        `there is no enterprise app with id or name ${JSON.stringify(ref)}`,
        field,
      );
    return found;
  }

  const taken = (name: string) =>
    new DirectoryError(
      'conflict',
      `an enterprise app named ${JSON.stringify(name)} already exists`,
      'name',
    );

  return {
    find,
    settingsOf,

    /** Adds an app from the template `template`; the name defaults to the template's. */
    async add(input: { template: string; name?: string | undefined }): Promise<AppView> {
      const template = gallery.get(input.template);
      if (!template)
        throw new DirectoryError(
          'notFound',
          `there is no gallery template ${JSON.stringify(input.template)} (available: ${gallery
            .list()
            .map((t) => t.id)
            .join(', ')})`,
          'template',
        );
      const name = checkName(input.name ?? template.name);
      if (await store.apps.byName(name)) throw taken(name);
      const settings: AppSettings = {
        publisher: template.publisher,
        description: template.description,
        logo: template.logo,
        appRoles: structuredClone(template.appRoles),
        provisioning: structuredClone(template.provisioning),
      };
      const record = await fromStore(() =>
        store.apps.create({ name, templateId: template.id, data: { ...settings } }),
      );
      return appView(record);
    },

    async list(): Promise<AppView[]> {
      return (await store.apps.list()).map(appView);
    },

    async get(ref: string): Promise<AppView> {
      return appView(await find(ref));
    },

    async rename(ref: string, name: string, ifVersion?: number): Promise<AppView> {
      const app = await find(ref);
      const checked = checkName(name);
      const holder = await store.apps.byName(checked);
      if (holder && holder.id !== app.id) throw taken(checked);
      return appView(
        await fromStore(() =>
          store.apps.update({
            id: app.id,
            data: { name: checked, data: app.data },
            ifVersion: ifVersion ?? app.version,
          }),
        ),
      );
    },

    /** Deletes the app and its assignments (provisioning stops for everyone assigned). */
    async delete(ref: string): Promise<void> {
      await store.apps.delete((await find(ref)).id);
    },

    async roles(ref: string): Promise<AppRole[]> {
      return settingsOf(await find(ref)).appRoles;
    },
  };
}
