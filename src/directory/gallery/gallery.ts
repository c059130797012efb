/**
 * The app gallery: every `*.json` template in this folder (or one a test names), validated at
 * load. A broken template stops the load with every problem named by file and JSON path, so a
 * bad edit never reaches an admin as a half-working app.
 *
 * Example:
 *   const gallery = loadGallery();
 *   gallery.get('wrike')?.provisioning.limits.requestsPerMinute; // 400
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { type AppTemplate, appTemplateSchema } from './template-schema.ts';

export class GalleryError extends Error {
  override name = 'GalleryError';
}

export interface Gallery {
  /** Sorted by name. */
  list(): AppTemplate[];
  get(id: string): AppTemplate | undefined;
}

const pathOf = (issue: z.core.$ZodIssue) =>
  issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');

/** Checks one template; GalleryError naming `source` and each bad path otherwise. */
export function parseTemplate(json: unknown, source: string): AppTemplate {
  const parsed = appTemplateSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${pathOf(issue)}: ${issue.message}`);
  throw new GalleryError(`gallery template ${source} is not valid:\n${problems.join('\n')}`);
}

export function createGallery(templates: readonly AppTemplate[]): Gallery {
  const byId = new Map<string, AppTemplate>();
  for (const template of templates) {
    if (byId.has(template.id))
      throw new GalleryError(`two gallery templates have the id ${JSON.stringify(template.id)}`);
    byId.set(template.id, template);
  }
  const sorted = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { list: () => sorted, get: (id) => byId.get(id.toLowerCase()) };
}

export const galleryFolder = import.meta.dirname;

/** Loads and checks every template file in `folder`. */
export function loadGallery(folder: string = galleryFolder): Gallery {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const templates = files.map((file) => {
    const text = readFileSync(path.join(folder, file), 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new GalleryError(`gallery template ${file} is not JSON: ${(error as Error).message}`);
    }
    const template = parseTemplate(json, file);
    if (`${template.id}.json` !== file)
      throw new GalleryError(
        `gallery template ${file} has id ${JSON.stringify(template.id)}; name the file ${template.id}.json`,
      );
    return template;
  });
  return createGallery(templates);
}
