// StoreErrors as DirectoryErrors: the store's conflict and notFound, with its words and subject.
import { isStoreError } from '../store/store.ts';
import { DirectoryError } from './directory-error.ts';

export async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isStoreError(error)) throw new DirectoryError(error.kind, error.message, error.subject);
    throw error;
  }
}
